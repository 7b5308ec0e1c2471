/** Partner systems (keys, IP allow-lists) for holders of `admin.partners.*`. */
import './partners.css';
import type { Feature } from '../shell';
import { PartnerPermission, type PartnerAccess } from './access';
import { createPartnersPanel } from './panel';

export { createPartnersPanel } from './panel';
export { PartnerPermission, type PartnerAccess } from './access';

/** The navigation entry: available with `admin.partners.read` or `.write`, otherwise listed as "no access". */
export function partnersFeature(access: PartnerAccess): Feature {
  if (!access.permissions.has(PartnerPermission.Read) && !access.permissions.has(PartnerPermission.Write)) {
    return { id: 'partners', title: 'nav.partners', unavailable: 'nav.noAccess' };
  }
  return {
    id: 'partners',
    title: 'nav.partners',
    mount(container) {
      container.append(createPartnersPanel(container.ownerDocument, access));
    },
  };
}
