import { LitElement, html, css } from 'lit';
import { riskOf } from '../services/approval-text.js';

const LOOK = {
  low: { mark: '●', label: 'Low risk' },
  medium: { mark: '▲', label: 'Medium risk' },
  high: { mark: '◆', label: 'High risk' },
  critical: { mark: '■', label: 'Critical risk' },
};

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
    .low { color: #7ee2a0; background: rgba(35, 165, 90, 0.15); }
    .medium { color: #f7d27c; background: rgba(240, 178, 50, 0.15); }
    .high { color: #ffa45c; background: rgba(255, 122, 26, 0.18); }
    .critical { color: #fff; background: var(--danger); border-color: var(--danger); }
    .mark { font-size: 10px; }
  `;

  render() {
    const risk = riskOf({ risk: this.risk });
    const look = LOOK[risk];
    return html`<span class=${risk} data-testid="risk" data-risk=${risk}><span class="mark" aria-hidden="true">${look.mark}</span>${look.label}</span>`;
  }
}
customElements.define('risk-badge', RiskBadge);
