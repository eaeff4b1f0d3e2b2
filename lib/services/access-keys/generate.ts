import { randomBytes, randomInt } from "node:crypto";

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** `NIMB` + 16 random characters: 20 upper-case letters and digits, the shape of an AWS key id. */
export function newAccessKeyId(): string {
  let s = "NIMB";
  for (let i = 0; i < 16; i++) s += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return s;
}

/** 30 random bytes as 40 base64 characters, the shape of an AWS secret access key. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString("base64");
}
