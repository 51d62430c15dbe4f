// Door devices: phones enrolled by a one-time link, scanning for one event
// at one gate without an account. The organiser's endpoints (list, create,
// new link, revoke) and the phone's (enrol, who am I, search at the door).
import { buildQuery, eventPath } from "../lib/query";
import { api, deviceApi, type Api } from "./client";
import type { Device, DeviceEnrolment, DeviceSession, DoorDevice, DoorSearchHit, DoorSearchResponse, NewDevice } from "./types";

export type { Device, DeviceEnrolment, DeviceSession, DoorDevice, DoorSearchResponse, NewDevice };
export type DeviceMode = Device["mode"];
export type DeviceEvent = DeviceSession["event"];
export type DoorSearchItem = DoorSearchHit;

/** The statuses this UI knows (the server's `status` is a string: a newer one shows as unknown). */
export const DEVICE_STATUSES = ["pending", "active", "revoked", "expired"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export function deviceStatus(d: Pick<Device, "status">): DeviceStatus | null {
  return (DEVICE_STATUSES as readonly string[]).includes(d.status) ? (d.status as DeviceStatus) : null;
}

/** `GET /api/v1/events/{id}/devices`, first page. */
export function devicesPath(eventId: string, limit = 100): string {
  return eventPath(eventId, `/devices${buildQuery({ limit })}`);
}

export function createDevice(eventId: string, body: NewDevice): Promise<DeviceEnrolment> {
  return api.json<DeviceEnrolment>(eventPath(eventId, "/devices"), { method: "POST", body });
}

/** A new one-time link (15 min); a phone already enrolled as this device is signed out. */
export function newEnrolment(eventId: string, deviceId: string): Promise<DeviceEnrolment> {
  return api.json<DeviceEnrolment>(eventPath(eventId, `/devices/${encodeURIComponent(deviceId)}/enrolment`), { method: "POST" });
}

export function revokeDevice(eventId: string, deviceId: string): Promise<Device> {
  return api.json<Device>(eventPath(eventId, `/devices/${encodeURIComponent(deviceId)}/revoke`), { method: "POST" });
}

/** The phone: trades the link's token for a device session (cookies). */
export function enrol(token: string): Promise<DeviceSession> {
  return deviceApi.json<DeviceSession>("/api/v1/devices/enrol", { method: "POST", body: { token }, noRefresh: true });
}

/** The phone: the device it is enrolled as, and its event. */
export function deviceMe(signal?: AbortSignal): Promise<DeviceSession> {
  return deviceApi.json<DeviceSession>("/api/v1/devices/me", { signal });
}

/** Shortest query the door search takes. */
export const SEARCH_MIN = 2;

/** `GET /api/v1/events/{id}/door/search?q=`: at most 5 tickets by holder name, for a person or a device. */
export function doorSearch(client: Api, eventId: string, q: string, signal?: AbortSignal): Promise<DoorSearchResponse> {
  return client.json<DoorSearchResponse>(eventPath(eventId, `/door/search${buildQuery({ q })}`), { signal });
}

/**
 * The enrolment link to show: the server's, made absolute on this origin
 * when it is a path (a server without QR_EVENT_PUBLIC_URL answers one).
 */
export function absoluteEnrolUrl(url: string, origin: string): string {
  return url.startsWith("/") && !url.startsWith("//") ? `${origin.replace(/\/+$/, "")}${url}` : url;
}
