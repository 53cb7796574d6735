/** @jest-environment jsdom */
import { CLOSE_MESSAGE, renderNotice } from '../../src/commands/commands';

describe('the notice dialog page (commands.html?notify=1#…)', () => {
  test('renders the notice as text (no HTML injection)', () => {
    document.body.innerHTML = '<main id="notice"></main>';
    const hash = `#${encodeURIComponent(JSON.stringify({ title: 'T <b>x</b>', text: '<img src=x onerror=alert(1)>', kind: 'warning' }))}`;
    renderNotice(document, hash);
    const main = document.getElementById('notice')!;
    expect(main.getAttribute('data-kind')).toBe('warning');
    expect(main.querySelector('h1')!.textContent).toBe('T <b>x</b>');
    expect(main.querySelector('p')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(main.querySelector('img')).toBeNull();
  });

  test('its close button asks the opener to close the dialog (messageParent "close")', () => {
    document.body.innerHTML = '<main id="notice"></main>';
    const messageParent = jest.fn();
    (globalThis as Record<string, unknown>).Office = { context: { ui: { messageParent } } };
    try {
      renderNotice(document, `#${encodeURIComponent(JSON.stringify({ title: 'T', text: 'x', kind: 'success', close: 'Đóng' }))}`);
      const button = document.querySelector('button')!;
      expect(button.textContent).toBe('Đóng');
      button.click();
      expect(messageParent).toHaveBeenCalledWith(CLOSE_MESSAGE);
    } finally {
      delete (globalThis as Record<string, unknown>).Office;
    }
  });

  test('a malformed hash leaves the page alone', () => {
    document.body.innerHTML = '<main id="notice">x</main>';
    renderNotice(document, '#%E0%A4%A');
    expect(document.getElementById('notice')!.textContent).toBe('x');
  });
});
