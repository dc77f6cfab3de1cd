/** Device status, the network check and the audit log as people ask for them (bot/understanding). */
import type { ActionDeclaration } from "../feature.ts";
import { runNetworkCheck, showStatus } from "./handlers.ts";
import { auditCommand } from "./audit/handlers.ts";

const admins = ["admin", "engineer", "manager"] as const;

/** What follows the audit words ("audit log last 24h" → "last 24h"); "" when nothing does. */
function auditQuery(text: string): string {
  const match = /\b(?:audit(?:\s+log|\s+trail)?|auditor[ií]a|registro de auditor[ií]a)\b[\s:,]*(.*)$/i.exec(text);
  return (match?.[1] ?? "").replace(/[?.!]+$/, "").trim();
}

export const itToolActions: ActionDeclaration[] = [
  {
    action: "device_status",
    roles: admins,
    examples: [
      "¿qué equipos están offline?",
      "how many of our devices are online right now",
      "estado de las salas de Madrid",
      "which bars have gone offline today",
      "¿está en línea la cámara de la sala grande?",
      "inventory of our registered devices",
      "is NB5-2231987 online?",
      "¿está conectada la barra NB5-2231987?",
      "which of our devices are offline",
      "show the health of the rooms in Madrid",
      "what's the state of our fleet",
      "list our devices",
      "device status",
      "what devices do we have registered?",
      "which rooms are offline right now",
      "are all the bars in Lisbon online?",
      "show me the status of our devices",
      "anything offline in Madrid?",
      "estado de dispositivos",
      "¿qué equipos tenemos registrados?",
      "¿hay alguna sala desconectada?",
      "¿están todas las barras de Lisboa en línea?",
      "muéstrame el estado de los equipos de Madrid",
      "my devices",
      "mis dispositivos",
    ],
    handler: async (ctx, reading) => showStatus(ctx, reading.slots.site ?? ""),
  },
  {
    action: "network_check",
    roles: admins,
    examples: [
      "check our network",
      "comprueba nuestra red",
      "can our office reach your servers",
      "¿hay conectividad con vuestros servidores desde Madrid?",
      "run the firewall test for Lisbon",
      "are the required ports open from our site",
      "is our firewall blocking your update server?",
      "¿llegan nuestros equipos a vuestra nube?",
      "test de red",
      "check connectivity from Madrid HQ",
      "can our devices talk to your cloud from the Lisbon office?",
      "¿tenemos bloqueado algún puerto que necesitéis?",
      "network check",
      "can the Madrid office reach your cloud?",
      "check if our firewall lets the devices through",
      "test the network from Lisbon",
      "are your endpoints reachable from our network",
      "comprobar red",
      "¿llega la oficina de Lisboa a vuestra nube?",
      "comprueba si el firewall deja pasar a los equipos",
      "prueba de red desde Madrid",
      "¿están abiertos los puertos que necesitáis?",
      "run a connectivity test for the boardroom",
    ],
    handler: async (ctx, reading) => runNetworkCheck(ctx, reading.slots.site ?? ""),
  },
  {
    action: "audit",
    roles: admins,
    examples: [
      "show the audit trail",
      "muéstrame el registro de actividad",
      "who deleted the device from our account",
      "¿quién cambió la severidad del caso?",
      "export our activity log as csv",
      "what did the admins change this month",
      "what actions did Irene take yesterday?",
      "¿quién registró el NB5-2231987?",
      "who changed our devices last week",
      "activity log for our organization",
      "¿qué ha hecho Tom esta semana?",
      "who closed CS-10422",
      "audit",
      "audit log",
      "export the audit log",
      "who changed the severity of CS-10422?",
      "show me what Irene did last week",
      "audit last 24h",
      "registro de auditoría",
      "¿quién cerró el caso 10422?",
      "exporta el log de auditoría",
      "auditoría de los últimos 7 días",
      "who has been accessing our cases",
      "audit denied last 24h",
    ],
    handler: async (ctx) => auditCommand(ctx, auditQuery(ctx.text)),
  },
];
