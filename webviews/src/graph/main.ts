// Placeholder until the live graph panel lands: the bundle exists so the build shape is final.
export {};
