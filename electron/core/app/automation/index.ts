// Public surface of the app core's automation: what createCore composes.
export { createAutomationService } from './automation-service';
export type { AutomationHandlers, AutomationService, AutomationServiceDeps } from './automation-service';
export { automationSettingsView, automationView } from './automation-view';
