import { contextBridge } from 'electron';

// The typed channel bridge arrives with the Electron shell; until then the renderer sees only
// which transport it runs on.
contextBridge.exposeInMainWorld('studyDesk', { transport: 'electron' });
