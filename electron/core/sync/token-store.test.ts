import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileTokenStore, type StoredAccount, type TokenCipher } from './token-store';

const root = mkdtempSync(join(tmpdir(), 'study-desk-tokens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const account: StoredAccount = {
  server_url: 'http://127.0.0.1:8012',
  email: 'student@example.com',
  platform_user_id: '0b7e5c1a-3f4e-4f7e-9d2a-1c2b3d4e5f60',
  access_token: 'header.payload-SECRET-ACCESS.signature',
  refresh_token: 'SECRET-REFRESH-token',
};

/** Stands in for safeStorage: reversible, and nothing of the plain text shows. */
const cipher: TokenCipher = {
  encrypt: async (plain) => Buffer.from(plain).toString('base64').split('').reverse().join(''),
  decrypt: async (sealed) => Buffer.from(sealed.split('').reverse().join(''), 'base64').toString(),
};

describe('token store', () => {
  it('keeps the account in a file only its owner can read (the CLI and web host)', async () => {
    const file = join(root, 'cli', 'sync-tokens.json');
    const store = new FileTokenStore(file);
    expect(await store.load()).toBeNull();
    await store.save(account);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await new FileTokenStore(file).load()).toEqual(account); // survives a restart
    await store.save({ ...account, access_token: 'rotated' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}.tmp`)).toBe(false); // written atomically
    expect((await store.load())?.access_token).toBe('rotated');
    await store.clear();
    expect(existsSync(file)).toBe(false);
    expect(await store.load()).toBeNull();
  });

  it('seals the file with the cipher the app passes (safeStorage), and reads nothing it cannot open', async () => {
    const file = join(root, 'app', 'sync-tokens.sealed');
    await new FileTokenStore(file, cipher).save(account);
    const text = readFileSync(file, 'utf8');
    for (const secret of [account.access_token, account.refresh_token, account.email]) expect(text).not.toContain(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await new FileTokenStore(file, cipher).load()).toEqual(account);
    // Another keychain, or a file without the cipher: sign in again rather than crash.
    expect(await new FileTokenStore(file).load()).toBeNull();
    writeFileSync(file, 'garbage');
    expect(await new FileTokenStore(file, cipher).load()).toBeNull();
  });
});
