// Builds the sandbox bundle the executor spawns (the same files `npm start` uses).
export default async function setup() {
  // @ts-expect-error plain ESM build script without types
  const { buildSandbox } = await import("../scripts/build-lib.mjs");
  await buildSandbox();
}
