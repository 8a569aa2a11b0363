import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const StoredAccount = z.object({
  server_url: z.string(),
  email: z.string(),
  platform_user_id: z.string(),
  access_token: z.string(),
  refresh_token: z.string(),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

/** Where the signed-in account's tokens live between runs. */
export interface TokenStore {
  load(): Promise<StoredAccount | null>;
  save(account: StoredAccount): Promise<void>;
  clear(): Promise<void>;
}

/**
 * Encrypts what the store writes. The Electron app passes one backed by `safeStorage` (main owns
 * the OS keychain and hands the core encrypt/decrypt over its port); the CLI and web host have no
 * keychain and rely on the file's 0600 permissions instead.
 */
export interface TokenCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

export class MemoryTokenStore implements TokenStore {
  private account: StoredAccount | null = null;
  async load() {
    return this.account;
  }
  async save(account: StoredAccount) {
    this.account = account;
  }
  async clear() {
    this.account = null;
  }
}

/** A JSON file readable by its owner only (0600), written atomically; optionally sealed by a cipher. */
export class FileTokenStore implements TokenStore {
  constructor(
    private readonly file: string,
    private readonly cipher?: TokenCipher,
  ) {}

  async load(): Promise<StoredAccount | null> {
    if (!existsSync(this.file)) return null;
    try {
      const text = readFileSync(this.file, 'utf8');
      const plain = this.cipher ? await this.cipher.decrypt(text) : text;
      return StoredAccount.parse(JSON.parse(plain));
    } catch {
      return null; // unreadable or from another keychain: the user signs in again
    }
  }

  async save(account: StoredAccount): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    const plain = JSON.stringify(account);
    const text = this.cipher ? await this.cipher.encrypt(plain) : plain;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
  }

  async clear(): Promise<void> {
    rmSync(this.file, { force: true });
  }
}
