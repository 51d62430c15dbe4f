// The door scanner (/scan/:eventId), for whoever holds the phone: a
// signed-in staff member (their session, a gate they choose), or a door
// device enrolled by a link (its own session; gate, mode and name fixed by
// the organizer). A phone that knows it is enrolled for the event opens the
// door at once, offline too; otherwise the person's session is asked first,
// then the device's. A device signed out by the server wipes the event's
// data from the phone and says so on the whole screen.
import { useEffect, useState } from "react";
import { Navigate, useLocation, useNavigate, useParams } from "react-router-dom";
import { api, ApiError, csrfToken, DEVICE_CSRF_COOKIES, DEVICE_REVOKED, deviceApi } from "../api/client";
import { deviceMe, type DeviceSession } from "../api/devices";
import { Door } from "../components/door/Door";
import { SignedOut } from "../components/door/SignedOut";
import { doorHttpFor } from "../door/api";
import { APP_VERSION, forgetDoorEvent, loadDevice, saveDevice, type StoredDevice } from "../door/device";
import { useDoor } from "../door/useDoor";
import { useI18n } from "../i18n";
import { useSession } from "../session";

const deviceHttp = doorHttpFor(deviceApi);

function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

export function Scanner() {
  const { eventId = "" } = useParams();
  return <ScannerFor key={eventId} eventId={eventId} />;
}

function ScannerFor({ eventId }: { eventId: string }) {
  const [stored] = useState(() => loadDevice(eventId));
  if (stored) return <DeviceDoor eventId={eventId} enrolled={stored} />;
  return <PersonOrDevice eventId={eventId} />;
}

/** A signed-in staff member's door. */
function PersonDoor({ eventId }: { eventId: string }) {
  const { engine, status } = useDoor(eventId, { appVersion: APP_VERSION });
  return <Door eventId={eventId} engine={engine} status={status} client={api} />;
}

type Probe = { kind: "asking" } | { kind: "device"; session: DeviceSession } | { kind: "revoked" } | { kind: "none" };

/**
 * Nobody signed in: perhaps a door device whose enrolment this browser did
 * not keep. Asked only when the device's readable CSRF cookie is there (it
 * lives as long as the device session): other visitors cost no 401s.
 */
function useDeviceProbe(ask: boolean): Probe {
  const [hasDeviceCookie] = useState(() => csrfToken(undefined, DEVICE_CSRF_COOKIES) !== null);
  const [probe, setProbe] = useState<Probe>(() => (hasDeviceCookie ? { kind: "asking" } : { kind: "none" }));
  useEffect(() => {
    if (!ask || !hasDeviceCookie) return;
    const ctl = new AbortController();
    deviceMe(ctl.signal).then(
      (session) => setProbe({ kind: "device", session }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setProbe(e instanceof ApiError && e.code === DEVICE_REVOKED ? { kind: "revoked" } : { kind: "none" });
      },
    );
    return () => ctl.abort();
  }, [ask, hasDeviceCookie]);
  return probe;
}

function PersonOrDevice({ eventId }: { eventId: string }) {
  const { user, loading, unreachable } = useSession();
  const { pathname, search } = useLocation();
  const probe = useDeviceProbe(!loading && !user && !unreachable);
  // Offline, whoever it is: the staff member's door decides from its own data.
  if (loading) return <Loading />;
  if (user || unreachable) return <PersonDoor eventId={eventId} />;
  switch (probe.kind) {
    case "asking":
      return <Loading />;
    case "device":
      if (probe.session.device.event_id !== eventId) return <Navigate to={`/scan/${probe.session.device.event_id}`} replace />;
      return <DeviceDoor eventId={eventId} enrolled={probe.session} />;
    case "revoked":
      return <WipeAndSayGone eventId={eventId} />;
    default:
      return <Navigate to={`/login?next=${encodeURIComponent(pathname + search)}`} replace />;
  }
}

/** Signed out before the door even opened: whatever the phone still holds of the event goes. */
function WipeAndSayGone({ eventId }: { eventId: string }) {
  const [wiped, setWiped] = useState(false);
  useEffect(() => {
    void forgetDoorEvent(eventId)
      .catch(() => {})
      .then(() => setWiped(true));
  }, [eventId]);
  return <SignedOut wiped={wiped} />;
}

/** An enrolled door device's door: its own session, gate and mode. */
function DeviceDoor({ eventId, enrolled }: { eventId: string; enrolled: StoredDevice }) {
  const navigate = useNavigate();
  const [device, setDevice] = useState(enrolled.device);
  const [lost, setLost] = useState(false);
  const { engine, status } = useDoor(eventId, { http: deviceHttp, deviceId: device.id, appVersion: APP_VERSION });

  // Revoked, expired or enrolled again elsewhere (told by any request): a
  // last upload, then the event's data leaves the phone.
  useEffect(() => {
    deviceApi.onSessionLost = () => {
      setLost(true);
      void engine.signOut((id) => forgetDoorEvent(id));
    };
    return () => {
      deviceApi.onSessionLost = () => {};
    };
  }, [engine]);

  // The enrolment as the server knows it now (name or gate may have changed);
  // offline, the one kept on the phone.
  useEffect(() => {
    const ctl = new AbortController();
    deviceMe(ctl.signal).then(
      (session) => {
        saveDevice(session);
        if (session.device.event_id === eventId) setDevice(session.device);
        // This phone is now another event's device: this event's data goes, the door follows.
        else void engine.signOut((id) => forgetDoorEvent(id)).then(() => navigate(`/scan/${session.device.event_id}`, { replace: true }));
      },
      () => {},
    );
    return () => ctl.abort();
  }, [eventId, engine, navigate]);

  if (lost || status.signedOut) return <SignedOut wiped={status.signedOut} />;
  return <Door eventId={eventId} engine={engine} status={status} client={deviceApi} device={device} />;
}
