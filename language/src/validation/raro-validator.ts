import type { ValidationChecks } from 'langium';
import type { RaroAstType } from '../generated/ast.js';
import type { RaroServices } from '../raro-module.js';

/** Registers every blueprint check with Langium's validation registry. */
export function registerRaroChecks(services: RaroServices): void {
  const checks: ValidationChecks<RaroAstType> = {};
  services.validation.ValidationRegistry.register(checks);
}
