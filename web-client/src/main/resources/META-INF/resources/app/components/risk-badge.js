import { LitElement, html, css } from 'lit';
import { riskOf } from '../services/approval-text.js';

const LABEL = { low: 'Low risk', medium: 'Medium risk', high: 'High risk', critical: 'Critical risk' };

/**
 * An approval's risk as a badge: a colour and a mark of its own per level, and the level in words,
 * so it reads the same without colour (and to a screen reader).
 */
export class RiskBadge extends LitElement {
  static properties = {
    risk: { reflect: true },
  };

  static styles = css`
    :host { display: inline-block; }
    span { display: inline-flex; gap: 4px; align-items: center; font-size: 12px; font-weight: 600; line-height: 1;
      padding: 3px 8px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
    span::before { font-size: 10px; }
    .low { color: var(--risk-low); background: rgba(35, 165, 90, 0.15); }
    .low::before { content: '●' / ''; }
    .medium { color: var(--risk-medium); background: rgba(240, 178, 50, 0.15); }
    .medium::before { content: '▲' / ''; }
    .high { color: var(--risk-high); background: rgba(255, 122, 26, 0.18); }
    .high::before { content: '◆' / ''; }
    .critical { color: var(--on-accent); background: var(--danger); border-color: var(--danger); }
    .critical::before { content: '■' / ''; }
  `;

  render() {
    const risk = riskOf({ risk: this.risk });
    // the mark is drawn by CSS, with no text of its own: it is the colour's shape, not words to read
    return html`<span class=${risk} data-testid="risk" data-risk=${risk}>${LABEL[risk]}</span>`;
  }
}
customElements.define('risk-badge', RiskBadge);
