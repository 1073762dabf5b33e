// Vite's client types: CSS and asset imports resolve for the type checker.
/// <reference types="vite/client" />
