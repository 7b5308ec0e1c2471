import qrcode from 'qrcode-generator';

const SVG = 'http://www.w3.org/2000/svg';
/** Light modules around the code, as the QR standard asks for (ISO/IEC 18004: four modules). */
const QUIET_ZONE = 4;

/**
 * `text` as a QR code: an `<svg role="img">` named `label`, one path for all dark modules,
 * drawn with DOM calls only (no markup strings). Error correction M, the smallest version that fits.
 */
export function qrCodeSvg(doc: Document, text: string, label: string): SVGSVGElement {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const count = code.getModuleCount();
  const size = count + 2 * QUIET_ZONE;

  let path = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }

  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.dataset.modules = String(count);
  const background = doc.createElementNS(SVG, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  const modules = doc.createElementNS(SVG, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000');
  svg.append(background, modules);
  return svg;
}
