import { createHash, generateKeyPairSync } from "node:crypto";

// OpenSSH public keys as Nova's key pairs hold them: "<type> <base64 blob> [comment]", where the
// blob begins with the type again (a length-prefixed string). The fingerprint is Nova's
// (nova/crypto.py generate_fingerprint): the MD5 of the blob, as colon-separated hex.

export const SSH_KEY_TYPES = ["ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"] as const;

export type SshKeyProblem = "key_format" | "key_type" | "key_mismatch" | "key_too_short";

export interface ParsedKey {
  type: (typeof SSH_KEY_TYPES)[number];
  blob: Buffer;
  comment: string;
}

/** Parse and check a public key line; a problem code when it is not a usable OpenSSH key. */
export function parsePublicKey(line: string): ParsedKey | SshKeyProblem {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2) return "key_format";
  const [type, data, ...comment] = parts as [string, string, ...string[]];
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) return "key_type";
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return "key_format";
  const blob = Buffer.from(data, "base64");
  if (blob.length < 4) return "key_format";
  const nameLength = blob.readUInt32BE(0);
  if (nameLength > blob.length - 4 || blob.subarray(4, 4 + nameLength).toString("latin1") !== type) return "key_mismatch";
  // An RSA key below 1024 bits (OpenSSH's own floor) or a blob with nothing after its type.
  if (type === "ssh-rsa") {
    const fields = readStrings(blob);
    const modulus = fields[2];
    if (!modulus || bitLength(modulus) < 1024) return "key_too_short";
  } else if (blob.length <= 4 + nameLength + 4) return "key_format";
  return { type: type as ParsedKey["type"], blob, comment: comment.join(" ") };
}

/** Nova's fingerprint of a key: MD5 of the blob, "aa:bb:...". */
export function fingerprintOf(blob: Buffer): string {
  return createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
}

/**
 * A new RSA pair, as Nova generated them before microversion 2.92: the public key line for the
 * key pair, the private key (PKCS#1 PEM, which ssh reads) for the user to download once.
 */
export function generateRsaKeyPair(comment: string): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  const blob = Buffer.concat([sshString(Buffer.from("ssh-rsa")), sshString(mpint(Buffer.from(jwk.e, "base64url"))), sshString(mpint(Buffer.from(jwk.n, "base64url")))]);
  return { publicKey: `ssh-rsa ${blob.toString("base64")} ${comment}`, privateKey: privateKey.export({ format: "pem", type: "pkcs1" }).toString() };
}

function sshString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

/** An SSH mpint: big-endian, with a zero byte in front when the top bit is set (it is unsigned). */
function mpint(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const trimmed = b.subarray(i);
  return trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

function readStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= blob.length; ) {
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) break;
    out.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

function bitLength(b: Buffer): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]!));
}
