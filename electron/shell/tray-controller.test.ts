import { describe, expect, it } from 'vitest';
import type { TimerView } from '../../shared/contract/timer';
import { at, views } from './test-support/timer-views';
import { TrayController, type TrayPort } from './tray-controller';
import { type MenuTemplateItem, type TrayAction, type TrayItem, toMenuTemplate, trayMenu } from './tray-menu';
import { type TrayLike, wireTray } from './tray-port';
import { trayText } from './tray-text';

const MATH = { id: '0190e0a0-0000-7000-8000-0000000000aa', name: 'Math & Physics' };
const labels = (items: TrayItem[]) => items.filter((i) => !i.separator).map((i) => (i.enabled === false ? `(${i.label})` : i.label));
const menu = (timer: TimerView | null, extra: Partial<Parameters<typeof trayMenu>[0]> = {}) =>
  labels(trayMenu({ timer, classes: [MATH], coreReady: true, signedIn: true, ...extra }));

describe('tray menu per timer state', () => {
  it('idle: start focus with a class submenu', () => {
    expect(menu(views.idle())).toEqual(['(Not studying)', 'Start focus', 'Open Study Desk', 'Sync now', 'Quit Study Desk']);
    const start = trayMenu({ timer: views.idle(), classes: [MATH], coreReady: true, signedIn: true }).find((i) => i.id === 'start')!;
    expect(start.submenu!.filter((i) => !i.separator).map((i) => [i.label, i.action])).toEqual([
      ['No class', { kind: 'start', class_id: null }],
      ['Math && Physics', { kind: 'start', class_id: MATH.id }], // & escaped: it marks a mnemonic
    ]);
  });

  it.each([
    ['focus', views.focus(3, MATH.id), ['(Focusing · Math & Physics)', 'Pause', 'Skip to break', 'Stop & save']],
    ['short break', views.shortBreak(), ['(Short break)', 'Skip break', 'Stop & save']],
    ['long break', views.longBreak(), ['(Long break)', 'Skip break', 'Stop & save']],
    ['break over', views.breakOver(), ['(Break over)', 'Start next focus', 'Stop & save']],
    ['paused', views.paused(), ['(Paused)', 'Resume', 'Stop & save']],
    ['away', views.away(), ['(Paused: you were away)', 'Resume', 'Keep the time I was away', 'Discard the time I was away', 'Stop & save']],
    ['stopwatch', views.stopwatch(5), ['(Focusing)', 'Pause', 'Stop & save']],
    ['countdown finished', views.countdownDone(), ['(Countdown finished)', 'Stop & save']],
  ])('%s', (_name, view, expected) => {
    expect(menu(view)).toEqual([...expected, 'Open Study Desk', 'Sync now', 'Quit Study Desk']);
  });

  it('disables timer actions while the core restarts and sync while signed out', () => {
    expect(menu(views.focus(), { coreReady: false })).toEqual(['(Starting…)', '(Pause)', '(Skip to break)', '(Stop & save)', 'Open Study Desk', '(Sync now)', 'Quit Study Desk']);
    expect(menu(views.idle(), { signedIn: false })).toContain('(Sync now)');
  });

  it('builds an Electron template whose clicks carry the action', () => {
    const seen: TrayAction[] = [];
    const template = toMenuTemplate(trayMenu({ timer: views.focus(), classes: [], coreReady: true, signedIn: true }), (a) => seen.push(a));
    template.find((i) => i.id === 'pause')!.click!();
    template.find((i) => i.id === 'quit')!.click!();
    expect(seen).toEqual([{ kind: 'pause' }, { kind: 'quit' }]);
    expect(template.filter((i) => i.type === 'separator')).toHaveLength(3);
  });
});

describe('tray time', () => {
  it('shows the time left of a phase from its due instant, and the stopwatch counting up', () => {
    const focus = views.focus(0);
    expect(trayText(focus, Date.parse(at(0)))).toMatchObject({ title: '25:00', badge: '25', tone: 'focus' });
    expect(trayText(focus, Date.parse(at(24.5)))).toMatchObject({ title: '0:30', tooltip: 'Study Desk: Focus, 0:30 left', badge: '1' });
    expect(trayText(views.shortBreak(), Date.parse(at(27)))).toMatchObject({ title: '3:00', tone: 'break' });
    expect(trayText(views.paused(), Date.parse(at(40)))).toMatchObject({ title: '⏸ 15:00', tone: 'paused' });
    expect(trayText(views.stopwatch(90), Date.parse(at(91)))).toMatchObject({ title: '1:31:00', badge: '91' });
    expect(trayText(views.idle(), 0)).toEqual({ title: '', tooltip: 'Study Desk', badge: null, tone: null });
  });
});

class FakeTray implements TrayPort {
  menus: TrayItem[][] = [];
  titles: string[] = [];
  tooltips: string[] = [];
  images: (Buffer | null)[] = [];
  setMenu(items: TrayItem[]) {
    this.menus.push(items);
  }
  setTitle(t: string) {
    this.titles.push(t);
  }
  setToolTip(t: string) {
    this.tooltips.push(t);
  }
  setImage(png: Buffer | null) {
    this.images.push(png);
  }
}

describe('TrayController', () => {
  it('rebuilds the menu only when its template changes, never on a tick', () => {
    const port = new FakeTray();
    let now = Date.parse(at(0));
    const tray = new TrayController({ port, platform: 'linux', onAction: () => undefined, clock: () => now });
    tray.setCoreReady(true);
    tray.setTimer(views.focus(0));
    expect(tray.rebuilds).toBe(2);
    for (let s = 1; s <= 120; s++) {
      now += 1000;
      tray.tick();
    }
    tray.setTimer(views.focus(1)); // a new view of the same state
    tray.setClasses([]);
    expect(tray.rebuilds).toBe(2);
    tray.setTimer(views.paused());
    expect(tray.rebuilds).toBe(3);
    expect(port.menus).toHaveLength(3);
  });

  it.each(['linux', 'win32'] as const)('redraws the %s icon once a minute, and sets the macOS title instead', (platform) => {
    const linux = new FakeTray();
    let now = Date.parse(at(0));
    const tray = new TrayController({ port: linux, platform, onAction: () => undefined, clock: () => now });
    tray.setTimer(views.focus(0));
    for (let s = 1; s <= 120; s++) {
      now += 1000;
      tray.tick();
    }
    expect(linux.images).toHaveLength(3); // 25, 24, 23
    expect(linux.images[0]!.subarray(1, 4).toString()).toBe('PNG');
    expect(linux.titles).toEqual([]);
    expect(linux.tooltips.at(-1)).toBe('Study Desk: Focus, 23:00 left');
    tray.setTimer(views.idle());
    expect(linux.images.at(-1)).toBeNull();

    const mac = new FakeTray();
    now = Date.parse(at(0));
    const macTray = new TrayController({ port: mac, platform: 'darwin', onAction: () => undefined, clock: () => now });
    macTray.setTimer(views.focus(0));
    now += 1000;
    macTray.tick();
    macTray.tick();
    expect(mac.titles).toEqual(['25:00', '24:59']);
    expect(mac.images).toEqual([]);
  });

  it('keeps the time out of the menu: a running timer never rebuilds it, only a state change does', () => {
    const port = new FakeTray();
    let now = Date.parse(at(0));
    const tray = new TrayController({ port, platform: 'darwin', onAction: () => undefined, clock: () => now });
    tray.setCoreReady(true);
    tray.setClasses([MATH]);
    tray.setSignedIn(true);
    tray.setTimer(views.idle());
    const before = tray.rebuilds;
    tray.setCoreReady(true);
    tray.setClasses([{ ...MATH }]);
    tray.setSignedIn(true);
    tray.setTimer(views.idle());
    expect(tray.rebuilds).toBe(before); // the same template, however often it is set
    tray.setTimer(views.focus(0));
    expect(tray.rebuilds).toBe(before + 1);
    expect(tray.ticking).toBe(true);
    for (let s = 0; s < 90; s++) {
      now += 1000;
      tray.tick();
    }
    expect(tray.rebuilds).toBe(before + 1);
    expect(port.titles.at(-1)).toBe('23:30');
    tray.setTimer(views.paused());
    expect(tray.ticking).toBe(false);
    expect(port.menus.at(-1)!.map((i) => i.id)).toContain('resume');
    tray.setSignedIn(false);
    expect(tray.rebuilds).toBe(before + 3); // 'Sync now' disabled
    tray.setTimer(views.idle());
    expect(port.titles.at(-1)).toBe(''); // idle: no time in the menu bar
  });
});

/** A recording stand-in for Electron's Tray (images and menus as plain values). */
class RecordingTray implements TrayLike<string, MenuTemplateItem[]> {
  click: (() => void) | null = null;
  calls: [string, ...unknown[]][] = [];
  on(_event: 'click', listener: () => void) {
    this.click = listener;
  }
  setContextMenu(menu: MenuTemplateItem[] | null) {
    this.calls.push(['setContextMenu', menu]);
  }
  setTitle(title: string, options?: { fontType?: 'monospaced' | 'monospacedDigit' }) {
    this.calls.push(['setTitle', title, options]);
  }
  setToolTip(tooltip: string) {
    this.calls.push(['setToolTip', tooltip]);
  }
  setImage(image: string) {
    this.calls.push(['setImage', image]);
  }
}

describe('the Electron tray behind the port', () => {
  const wire = () => {
    const tray = new RecordingTray();
    const clicks: string[] = [];
    const actions: TrayAction[] = [];
    const port = wireTray(tray, {
      appIcon: 'app-icon',
      fromPng: (png) => `drawn:${png.length}`,
      buildMenu: (template) => template,
      onClick: () => clicks.push('toggle'),
    });
    return { tray, port, clicks, actions };
  };

  it('sets the macOS title in monospaced digits', () => {
    const { tray, port } = wire();
    const controller = new TrayController({ port, platform: 'darwin', onAction: () => undefined, clock: () => Date.parse(at(0)) });
    controller.setTimer(views.focus(0));
    expect(tray.calls.filter(([m]) => m === 'setTitle')).toEqual([['setTitle', '25:00', { fontType: 'monospacedDigit' }]]);
    expect(tray.calls.filter(([m]) => m === 'setImage')).toEqual([]);
  });

  it('shows the drawn time icon on Linux/Windows while a phase runs, the app icon when idle', () => {
    const { tray, port } = wire();
    const controller = new TrayController({ port, platform: 'win32', onAction: () => undefined, clock: () => Date.parse(at(0)) });
    controller.setTimer(views.focus(0));
    controller.setTimer(views.idle());
    const images = tray.calls.filter(([m]) => m === 'setImage').map(([, image]) => image);
    expect(images).toHaveLength(2);
    expect(images[0]).toMatch(/^drawn:\d+$/);
    expect(images[1]).toBe('app-icon');
    expect(tray.calls.filter(([m]) => m === 'setToolTip').map(([, t]) => t)).toEqual(['Study Desk: Focus, 25:00 left', 'Study Desk']);
  });

  it('a left click toggles the window; menu clicks reach the controller as actions', () => {
    const { tray, port, clicks, actions } = wire();
    const controller = new TrayController({ port, platform: 'linux', onAction: (a) => actions.push(a), clock: () => Date.parse(at(0)) });
    controller.setCoreReady(true);
    controller.setTimer(views.focus(0));
    tray.click!();
    tray.click!();
    expect(clicks).toEqual(['toggle', 'toggle']);
    expect(actions).toEqual([]); // a left click is not a menu action
    const menu = tray.calls.filter(([m]) => m === 'setContextMenu').at(-1)![1] as MenuTemplateItem[];
    menu.find((i) => i.id === 'pause')!.click!();
    menu.find((i) => i.id === 'stop')!.click!();
    expect(actions).toEqual([{ kind: 'pause' }, { kind: 'stop' }]);
  });
});
