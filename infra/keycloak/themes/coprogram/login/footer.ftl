<#-- Coprogram: who runs the service and the way back to the portal, under every login page (theme.properties). -->
<#macro content>
  <nav class="cp-footer" aria-label="${msg("cpFooterLabel")}">
    <#if properties.brandOwner?has_content>
      <p class="cp-footer-owner">${msg("cpServiceOf", properties.brandOwner)}</p>
    </#if>
    <ul class="cp-footer-links">
      <#if properties.portalUrl?has_content><li><a href="${properties.portalUrl}">${msg("cpBackToPortal")}</a></li></#if>
      <#if properties.privacyUrl?has_content><li><a href="${properties.privacyUrl}">${msg("cpPrivacy")}</a></li></#if>
    </ul>
  </nav>
</#macro>
