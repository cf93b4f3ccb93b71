import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprintOf, generateRsaKeyPair, parsePublicKey } from "@/lib/server/ssh-keys";

// Differential against OpenSSH itself (Debian's openssh-client, installed by the test runner):
// the keys it makes are accepted with its own MD5 fingerprint, and the keys the console makes are
// keys it reads, with the same fingerprint.
const dir = mkdtempSync(path.join(tmpdir(), "ssh-keys-"));
const sshKeygen = (...args: string[]) => execFileSync("ssh-keygen", args, { encoding: "utf8" });
const md5Of = (file: string) => /MD5:([0-9a-f:]+)/.exec(sshKeygen("-l", "-E", "md5", "-f", file))![1];

describe("SSH public keys, against ssh-keygen", () => {
  it.each([
    ["rsa", "2048"],
    ["rsa", "3072"],
    ["ed25519", ""],
    ["ecdsa", "256"],
    ["ecdsa", "521"],
  ])("a %s %s key ssh-keygen makes parses, with ssh-keygen's MD5 fingerprint", (type, bits) => {
    const file = path.join(dir, `k-${type}-${bits}`);
    sshKeygen("-q", "-t", type, ...(bits ? ["-b", bits] : []), "-N", "", "-C", "me@host", "-f", file);
    const parsed = parsePublicKey(readFileSync(`${file}.pub`, "utf8"));
    expect(typeof parsed).toBe("object");
    if (typeof parsed === "string") return;
    expect(parsed.comment).toBe("me@host");
    expect(fingerprintOf(parsed.blob)).toBe(md5Of(`${file}.pub`));
  });

  it("a generated pair is one ssh-keygen reads: the public key's fingerprint, and the private key's", () => {
    const { publicKey, privateKey } = generateRsaKeyPair("Generated-by-Nova");
    const pub = path.join(dir, "gen.pub");
    const priv = path.join(dir, "gen");
    writeFileSync(pub, publicKey + "\n");
    writeFileSync(priv, privateKey, { mode: 0o600 });
    const parsed = parsePublicKey(publicKey);
    if (typeof parsed === "string") throw new Error(parsed);
    expect(fingerprintOf(parsed.blob)).toBe(md5Of(pub));
    // ssh-keygen -y derives the public key from the private one: it must be ours.
    expect(sshKeygen("-y", "-f", priv).trim().split(" ").slice(0, 2)).toEqual(publicKey.split(" ").slice(0, 2));
  });

  it("refuses what is not a usable key, by reason", () => {
    expect(parsePublicKey("hello")).toBe("key_format");
    expect(parsePublicKey("ssh-dss AAAAB3NzaC1kc3M=")).toBe("key_type");
    expect(parsePublicKey("ssh-rsa !!!notbase64")).toBe("key_format");
    // An ed25519 blob labelled ssh-rsa.
    const file = path.join(dir, "mismatch");
    sshKeygen("-q", "-t", "ed25519", "-N", "", "-f", file);
    const blob = readFileSync(`${file}.pub`, "utf8").split(" ")[1]!;
    expect(parsePublicKey(`ssh-rsa ${blob}`)).toBe("key_mismatch");
    // A 768-bit RSA key: below OpenSSH's floor.
    const small = Buffer.concat([Buffer.from([0, 0, 0, 7]), Buffer.from("ssh-rsa"), Buffer.from([0, 0, 0, 3, 1, 0, 1, 0, 0, 0, 97]), Buffer.from([0]), Buffer.alloc(96, 0xff)]);
    expect(parsePublicKey(`ssh-rsa ${small.toString("base64")}`)).toBe("key_too_short");
  });
});
