import { html } from '../html.js';
import { useApi } from '../api.js';

export function usePlan(planId) {
  return useApi(planId ? `/api/plans/${planId}` : null);
}

/** The plan's sections; staff sections appear only to the roles that may open them. */
export function PlanNav({ plan, current, session }) {
  const links = [
    ['plan', `/piani/${plan.id}`, 'Il piano'],
    ['proposals', `/piani/${plan.id}/proposte`, 'Proposte'],
    ['surveys', `/piani/${plan.id}/questionari`, 'Questionario'],
    ['meetings', `/piani/${plan.id}/incontri`, 'Incontri'],
    ['synthesis', `/piani/${plan.id}/sintesi`, 'Sintesi'],
    ['planDocument', `/piani/${plan.id}/documento`, 'Documento del piano'],
    ['accountability', `/piani/${plan.id}/rendicontazione`, 'Rendicontazione'],
  ];
  if (session?.has('moderator')) links.push(['moderation', `/piani/${plan.id}/moderazione`, 'Moderazione']);
  if (session?.has('region-staff')) {
    links.push(['socialReports', `/piani/${plan.id}/relazioni-sociali`, 'Relazioni sociali']);
  }
  return html`<nav aria-label="Sezioni del piano" class="mb-4">
    <ul class="nav nav-tabs">
      ${links.map(
        ([name, href, label]) => html`<li class="nav-item">
          <a class="nav-link ${name === current ? 'active' : ''}" href=${href}
            aria-current=${name === current ? 'page' : undefined}>${label}</a>
        </li>`,
      )}
    </ul>
  </nav>`;
}
