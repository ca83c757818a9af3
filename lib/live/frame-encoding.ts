import type { StreamFrame } from "./stream-protocol";

/**
 * The live stream's frames as bytes, made once and shared: every client of a topic gets the same Uint8Array for a
 * change, built from the view JSON the hub keeps of each object. Snapshots are cut into frames of SNAPSHOT_CHUNK items, produced
 * lazily so the writer can yield to the event loop between them.
 */
export const SNAPSHOT_CHUNK = 500;

const encoder = new TextEncoder();

export function encodeFrame(frame: StreamFrame): Uint8Array {
  return encoder.encode(`event: ${frame.kind}\ndata: ${JSON.stringify(frame)}\n\n`);
}

/**
 * The snapshot of `items` as frames of at most `size` items: part 0 to parts-1 of one snapshot (a client applies it
 * when the last part came). An empty list is one frame with no items. Items are turned into JSON (`toJson`) only as
 * their frame is made, so the work is spread over the writer's yields.
 */
export function* snapshotFrames<T>(topic: string, items: readonly T[], toJson: (item: T) => string, resync: boolean, size = SNAPSHOT_CHUNK): Generator<Uint8Array> {
  const parts = Math.max(1, Math.ceil(items.length / size));
  const head = `event: snapshot\ndata: {"kind":"snapshot","topic":${JSON.stringify(topic)},"resync":${resync},"parts":${parts},"part":`;
  for (let part = 0; part < parts; part++) {
    yield encoder.encode(
      `${head}${part},"items":[${items
        .slice(part * size, (part + 1) * size)
        .map(toJson)
        .join(",")}]}\n\n`,
    );
  }
}

/** A change frame's bytes, made once per hub event whatever the number of clients. */
const changeBytes = new WeakMap<object, Uint8Array>();
export function changeFrame(event: object, topic: string, type: string, itemJson: () => string): Uint8Array {
  let bytes = changeBytes.get(event);
  if (bytes === undefined) {
    bytes = encoder.encode(`event: change\ndata: {"kind":"change","topic":${JSON.stringify(topic)},"type":${JSON.stringify(type)},"item":${itemJson()}}\n\n`);
    changeBytes.set(event, bytes);
  }
  return bytes;
}
