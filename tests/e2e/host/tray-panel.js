// The test host's tray panel (not part of the renderer bundle): draws the core's tray model —
// icon, tooltip, menu with enabled/disabled items and accelerators — beside the app, live from
// `tray:changed`, with stable test ids for Playwright. Clicking an item acts like the tray menu.
/* global document, window */

const panel = document.getElementById('host-tray-panel');
const ICONS = '/__host/tray-icons/';

/** As a native menu shows an accelerator (the raw one stays in data-accelerator). */
function shownAccelerator(accelerator) {
  const mac = /Mac/.test(window.navigator.platform);
  return accelerator.replace(/CommandOrControl|CmdOrCtrl/g, mac ? 'Cmd' : 'Ctrl');
}

/** Electron menu labels escape '&' as '&&'. */
function shownLabel(label) {
  return label.replace(/&&/g, '&');
}

function element(tag, attributes, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

async function click(id) {
  // The shell opens Settings; here that is the window's own #settings view.
  if (id === 'settings') {
    window.location.hash = 'settings';
    return;
  }
  const response = await fetch('/__host/tray/click', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id }),
  });
  if (!response.ok) console.warn(`tray click ${id} failed: ${await response.text()}`);
}

function menuItem(item) {
  const common = { 'data-testid': `tray-item-${item.id}`, 'data-enabled': String(item.enabled), 'data-type': item.type ?? 'normal' };
  if (item.type === 'separator') return element('li', { ...common, role: 'separator' }, []);
  const parts = [element('span', { class: 'label' }, [shownLabel(item.label)])];
  if (item.accelerator) {
    parts.push(element('kbd', { 'data-testid': `tray-accelerator-${item.id}`, 'data-accelerator': item.accelerator }, [shownAccelerator(item.accelerator)]));
  }
  if (item.type === 'submenu') {
    const submenu = element('ul', { class: 'submenu', role: 'menu' }, (item.submenu ?? []).map(menuItem));
    return element('li', { ...common, role: 'none' }, [element('span', { class: 'submenu-title' }, parts), submenu]);
  }
  const role = item.type === 'radio' ? 'menuitemradio' : item.type === 'checkbox' ? 'menuitemcheckbox' : 'menuitem';
  const button = element(
    'button',
    { type: 'button', role, ...(item.checked !== undefined && { 'aria-checked': String(item.checked), 'data-checked': String(item.checked) }) },
    parts,
  );
  button.disabled = !item.enabled;
  button.addEventListener('click', () => void click(item.id));
  return element('li', { ...common, role: 'none' }, [button]);
}

function render(model) {
  const icon = element('img', {
    'data-testid': 'tray-icon',
    'data-icon-id': model.iconId,
    src: `${ICONS}${model.iconId}@2x.png`,
    width: 32,
    height: 32,
    alt: `Tray icon: ${model.iconId}`,
  }, []);
  const tooltip = element('p', { 'data-testid': 'tray-tooltip', class: 'tooltip' }, [model.tooltip]);
  const menu = element('ul', { 'data-testid': 'tray-menu', role: 'menu', 'aria-label': 'Tray menu' }, model.menu.map(menuItem));
  panel.replaceChildren(element('h2', {}, ['Tray (test host)']), element('div', { class: 'head' }, [icon, tooltip]), menu);
}

let pushed = false;
window.recallRemote.onTrayChanged((model) => {
  pushed = true;
  render(model);
});
window.recallRemote.getTrayModel().then((result) => {
  // A push that arrived meanwhile is at least as fresh as this answer.
  if (!pushed && result.ok) render(result.value);
});
