// Page object for tests/e2e/pages/zones.html.
import { HostPage } from './host-page.mjs';
import { Widget } from './widget.mjs';

/** The zones on the page, each with its widget's id. */
export const ZONES = {
  'America/New_York': 'w-new-york',
  'Europe/Berlin': 'w-berlin',
  'Asia/Kolkata': 'w-kolkata',
  'Pacific/Chatham': 'w-chatham',
  'Pacific/Kiritimati': 'w-kiritimati',
  'Pacific/Pago_Pago': 'w-pago-pago',
};

export class ZonesPage extends HostPage {
  static path = '/posts/zones.html';

  constructor(page, server) {
    super(page, server, ZonesPage.path);
    /**
     * One widget per zone, all on dst-morning.json (z0630 at 06:30Z, z0730
     * at 07:30Z on 2024-03-10) with data-time-style="%Y-%m-%d %H:%M %z".
     */
    this.widgets = Object.fromEntries(Object.entries(ZONES).map(([zone, id]) => [zone, new Widget(page, page.locator(`#${id}`))]));
  }
}
