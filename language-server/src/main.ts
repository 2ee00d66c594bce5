// Placeholder until the language issue lands: the bundle exists so the build shape is final.
process.stderr.write('RARO language server: not available yet in this build.\n');
process.exitCode = 1;
