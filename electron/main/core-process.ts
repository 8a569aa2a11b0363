import { utilityProcess } from 'electron';
import { coreProcessEnv } from '../core/hosts/process-env';
import type { FromCore } from '../core/hosts/utility-protocol';
import type { CoreProcess } from '../shell/core-bridge';

/** The core in an Electron utility process; its parentPort carries the bridge's messages. */
export function spawnUtilityCore(modulePath: string): CoreProcess {
  const child = utilityProcess.fork(modulePath, [], {
    serviceName: 'Study Desk core',
    stdio: 'inherit',
    env: coreProcessEnv(process.env),
  });
  let alive = true;
  child.once('exit', () => (alive = false));
  return {
    post: (message) => {
      if (alive) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', (message: FromCore) => listener(message)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void (alive && child.kill()),
  };
}
