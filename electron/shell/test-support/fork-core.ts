import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromCore } from '../../core/hosts/utility-protocol';
import type { CoreProcess } from '../core-bridge';

const UTILITY = fileURLToPath(new URL('../../core/hosts/utility.ts', import.meta.url));

/** The real utility host in a Node child (fork IPC stands in for the utilityProcess port). */
export function forkCore(children: ChildProcess[] = []): CoreProcess {
  const child = fork(UTILITY, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(child);
  return {
    post: (m) => void (child.connected && child.send(m)),
    onMessage: (fn) => child.on('message', (m) => fn(m as FromCore)),
    onExit: (fn) => child.once('exit', (code) => fn(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
