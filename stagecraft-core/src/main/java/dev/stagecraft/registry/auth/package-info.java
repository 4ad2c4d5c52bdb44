/**
 * Registry authentication: {@code WWW-Authenticate} challenges, Basic and bearer-token
 * authorization, a token cache, and credentials from docker's config file and credential helpers.
 */
package dev.stagecraft.registry.auth;
