/** Jest globalTeardown of `npm run test:eventstoredb`: stops the wire stand-in, if global-setup.ts started one. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.wireStandIn?.close();
  globalThis.wireStandIn = undefined;
}
