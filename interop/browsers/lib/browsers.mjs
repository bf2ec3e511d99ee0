// Launches Debian's browsers, headless, with fresh profiles, and opens the harness page in them.
//   Chromium: Playwright (playwright-core), executablePath /usr/bin/chromium.
//   Firefox ESR: Puppeteer (puppeteer-core) over WebDriver BiDi, the real firefox-esr binary.
// Neither library downloads a browser: only the *-core packages are installed.
//
// A browser gathers ICE candidates on every interface, so launching refuses to run unless this
// process sits in a network namespace whose only interface is lo (see ../netns.sh).
import fs from 'node:fs';
import os from 'node:os';
import { assertLoopbackOnly, loopbackViolations } from './loopback-guard.mjs';

export const CHROMIUM_PATH = process.env.WEBRTC4J_CHROMIUM || '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.WEBRTC4J_FIREFOX || '/usr/bin/firefox-esr';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export const FIREFOX_PREFS = {
  // ICE: plain host candidates on loopback, no mDNS names, no TCP, no default STUN server.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.tcp': false,
  'media.peerconnection.default_iceservers': '[]',
  // Fake camera and microphone, no prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Firefox gathers on all interfaces only for a page that is capturing or holds a camera or
  // microphone permission; otherwise it uses only the interface of the default route, and a
  // loopback-only namespace has no default route, so gathering fails with no candidate at all.
  // permission.disabled alone stores no permission; allowing both by default does.
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.peerconnection.ice.default_address_only': false,
  // Background networking off (nothing is reachable from the namespace anyway).
  'app.normandy.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.topsites.contile.enabled': false,
  'captivedetect.canonicalURL': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.systemAddon.update.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/**
 * Throws unless every network interface this process can see is loopback. Run before any
 * browser starts: outside a loopback-only namespace a browser would offer real addresses.
 */
export function assertLoopbackOnlyNamespace() {
  const ifs = os.networkInterfaces();
  const bad = [];
  for (const [name, addrs] of Object.entries(ifs)) {
    for (const a of addrs ?? []) {
      if (name !== 'lo' || !a.internal) bad.push(`${name} ${a.address}`);
    }
  }
  let links = [];
  try {
    links = fs.readdirSync('/sys/class/net').filter((n) => n !== 'lo');
  } catch {
    // no sysfs view: the address check above still holds
  }
  if (bad.length > 0 || links.length > 0) {
    throw new Error('network rule: refusing to start a browser outside a loopback-only network '
      + `namespace (found ${[...bad, ...links].join(', ')}); run it through netns.sh`);
  }
}

/**
 * A driven browser with the harness page open. call(method, arg) runs window.w4j[method](arg)
 * in the page and resolves to its result.
 */
class BrowserPeer {
  constructor(name, version, page, closeFn) {
    this.name = name;           // 'chrome' | 'firefox' (the sample file prefix)
    this.version = version;     // full version string, e.g. 156.0.8078.114
    this.major = Number.parseInt(version, 10);
    this.page = page;
    this.closeFn = closeFn;
  }

  call(method, arg = {}) {
    return this.page.evaluate(([m, a]) => window.w4j[m](a), [method, arg]);
  }

  /**
   * Like call, for methods that return a description: checks the SDP against the network rule.
   * A description taken before gathering (arg.waitForGathering === false) may have no candidate.
   */
  async description(method, arg, what) {
    const d = await this.call(method, arg);
    if (arg?.waitForGathering === false) {
      const v = loopbackViolations(d.sdp);
      if (v.length > 0) {
        throw new Error(`network rule: ${this.name} ${what} names a non-loopback address: `
          + v.map((x) => `line ${x.line}: ${x.text}`).join('; '));
      }
    } else {
      assertLoopbackOnly(d.sdp, `${this.name} ${what}`);
    }
    return d;
  }

  close() {
    return this.closeFn();
  }
}

export async function launchChromium(pageUrl, { executablePath = CHROMIUM_PATH } = {}) {
  assertLoopbackOnlyNamespace();
  const { chromium } = await import('playwright-core');
  // launch() gives every run a fresh temporary --user-data-dir and deletes it on close.
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => typeof window.w4j === 'object');
    return new BrowserPeer('chrome', browser.version(), page, () => browser.close());
  } catch (e) {
    await browser.close();
    throw e;
  }
}

export async function launchFirefox(pageUrl, { executablePath = FIREFOX_PATH } = {}) {
  assertLoopbackOnlyNamespace();
  const { default: puppeteer } = await import('puppeteer-core');
  // Puppeteer creates a fresh temporary profile with these prefs and deletes it on close.
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: fs.realpathSync(executablePath),
    headless: true,
    extraPrefsFirefox: FIREFOX_PREFS,
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  try {
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => typeof window.w4j === 'object');
    const version = (await browser.version()).replace(/^firefox\//i, '');
    return new BrowserPeer('firefox', version, page, () => browser.close());
  } catch (e) {
    await browser.close();
    throw e;
  }
}

export const LAUNCHERS = { chrome: launchChromium, firefox: launchFirefox };
