/**
 * The uids sandboxes run as (when the server is root): a new one for every sandbox, never reused
 * while the server lives, so a process that escaped its group cannot meet a new sandbox under
 * its uid. Servers on one host each start at a random block of the range, so their sandboxes
 * rarely meet either.
 */
import { randomInt } from "node:crypto";

const RANGE = 1_000_000;

export class UidAllocator {
  private next: number;

  constructor(private readonly base = 200_000) {
    this.next = base + randomInt(0, 1000) * 1000;
  }

  allocate(): number {
    if (this.next >= this.base + RANGE) this.next = this.base;
    return this.next++;
  }
}
