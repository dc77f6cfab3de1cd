/**
 * Support-domain synonyms and abbreviations (English). One set per line, phrases separated by
 * commas; every phrase of a set expands to the others. Written for how people describe
 * collaboration devices in chat (brand-era names, abbreviations, symptom words) — not for any
 * particular question set. Sets should be true equivalents: a loose set costs precision everywhere.
 */
export const SYNONYM_SETS = `
microsoft teams rooms, teams rooms, teams room, mtr, skype room systems v2, skype room system v2, srs v2, srsv2, room system, meeting room system, room systems, rooms device, room device
lync room system, lrs, skype room system v1, srs v1, room system v1, skype room system, skype room systems, lync room systems
console, surface, surface pro, room console, touch console, tablet
common area phone, cap, shared phone, lobby phone, reception phone, hallway phone, kitchen phone, break room phone, common area phones
ip phone, desk phone, deskphone, handset, sip phone, teams phone, phone device, desk phones, ip phones
conference phone, speakerphone, conference room phone, audio conferencing device
firmware, firmware update, device update, software update, update, updates, patch
upgrade, update, new version
reboot, restart, power cycle, reboots, restarts, restarting, rebooting
factory reset, factory restore, reimage, re-image, wipe, reinstall, recovery, restore
display, screen, monitor, tv, television, front of room display, projector, displays, screens, monitors
camera, webcam, cam, video camera, cameras
microphone, mic, mics, microphones
speaker, loudspeaker, speakers, audio output
sign in, signin, sign-in, log in, login, logon, log on, authenticate, authentication
sign out, signout, log out, logout, log off
password, passcode, credential, credentials, passwords
resource account, room account, device account, service account, room mailbox, resource mailbox
exchange, mailbox, exchange server, exchange online
active directory, ad, domain, ad ds
organizational unit, ou, container
group policy, gpo, group policy object
powershell, ps, cmdlet, cmdlets, script, remote powershell, winrm
wifi, wi-fi, wireless, wlan, wireless network
ethernet, wired, network cable, lan, cable, wired network
firewall, ports, port, open ports, allowlist, whitelist, firewall rules, acl
proxy, web proxy, proxy server
certificate, cert, certificates, certs, ssl certificate, tls certificate, pki, certificate authority
qos, quality of service, dscp, packet marking, traffic marking, dscp marking, tagging
latency, delay, lag, laggy, round trip time, rtt
jitter, choppy, robotic, breaking up, audio drops
packet loss, dropped packets, lost packets
call quality, audio quality, media quality, bad audio, poor quality, voice quality
bandwidth, throughput, kbps, mbps, network capacity
vpn, virtual private network, split tunnel, split tunneling, forced tunnel
cqd, call quality dashboard
logs, log, log files, diagnostics, traces, event log, logging, diagnostic logs
monitoring, health, telemetry, azure monitor, log analytics, oms, operations management suite
pstn, phone number, dial out, calling plan, phone system, enterprise voice, dial pad, external calls, phone numbers
emergency address, e911, 911, emergency location, emergency calling
voicemail, voice mail, visual voicemail, voice message
license, licence, licenses, licensing, subscription, sku
teams admin center, admin center, tac, admin portal, microsoft teams admin center
skype for business, sfb, s4b, skype, lync
skype for business online, sfbo, office 365, o365, microsoft 365, m365
skype for business server, sfb server, lync server, on-premises server
cumulative update, cu
on-premises, on-prem, onprem, on premises, local server
hybrid, hybrid deployment, mixed deployment
hdmi, hdmi ingest, hdmi input, video input, hdmi in
content sharing, content share, screen sharing, screen share, share screen, presentation, share content, desktop sharing
bluetooth, beacon, bluetooth beacon, proximity
keyboard, on-screen keyboard, onscreen keyboard, virtual keyboard, touch keyboard, osk
not detected, not recognized, no signal, black screen, blank screen
freeze, frozen, froze, hang, hangs, hung, stuck, unresponsive, not responding, freezes
crash, crashes, crashed, stops working, closes unexpectedly
usb drive, usb stick, flash drive, thumb drive, usb key, usb media, installation media
windows update, wsus, windows updates
language, locale, display language, keyboard layout
wallpaper, background, theme, custom theme, background image, theme image
xml, configuration file, config file, skypesettings.xml, settings file
admin mode, administrator, local admin, admin account, administrator account
supported, certified, qualified, compatible, works with, compatibility
release notes, version history, changelog, change log, what's new, release history
lifecycle, end of support, support period, support lifecycle, no longer supported, deprecated, retired
inventory, asset, asset register, asset management, asset tracking
static ip, static address, fixed ip, ip address, dhcp
dns, name resolution, dns records
nat, network address translation, public ip
ips, intrusion prevention, intrusion detection, ids
join meeting, one touch join, one-touch join, join button
calendar, schedule, booking, meeting invite, invitation
audio, sound, volume
echo, feedback, reverberation
noise, background noise, hum
peripheral, peripherals, accessory, accessories, usb device
dock, docking station, surface dock, console dock
domain join, join domain, domain joined, domain-joined, joining a domain
rename, computer name, machine name, hostname, host name
event id, event log id, eventid
heartbeat, health check, keep alive
dashboard, tile, workbook
contact object, ad contact
device report, device usage report, usage report
deploy, deployment, rollout, roll out, install, installation, provisioning
collect, gather, grab, pull, export, retrieve, capture
unjoin, unjoined, remove from the domain, leave the domain, disjoin, lose trust, loses trust, trust relationship
locked out, lockout, cannot sign in, unable to sign in, access denied
pc, pcs, computer, machine, workstation
ticket, support ticket, support case, support request, incident, service request
boardroom, conference room, conf room, meeting room, huddle room
vendor, manufacturer, oem, partner, brand
picture, image, video feed, preview
mirrored, mirror, flipped, inverted, reversed
sleep, standby, stand by, power saving, screen saver, idle, wake, wake up, wakes up
startup, boot, start up, launch, power on
app, application, client, software
expire, expired, expiration, expires, expiry
naming convention, naming scheme, naming standard, name format
latest, newest, current, most recent
checklist, test plan, validation, acceptance test
applied, take effect, picked up, loaded, honored
weird, strange, odd, unstable, misbehaving, acting up, flaky
remote, remotely, from afar, over the network
outbound, egress, outgoing
ahead, in advance, beforehand, prior, lead time
carrier, telco, phone company, telephone company, telecom provider
international, abroad, overseas
eula, license agreement, end user license agreement, licence agreement
hear, heard
sms, text message, text messages
popup, pop-up, pop up
conferencing device, conferencing devices, conference room device, conference room account, meeting room account
non-windows, not based on windows
locked down, lockdown, applocker, write filter
roll back, rollback, revert, go back, downgrade
clean, cleanup, purge
intermittent, intermittently, sporadic, sporadically, every now and then, on and off
network monitor, netmon
overnight, nightly, off-hours, off hours, after hours, outside business hours
`;

/** Additional one-way expansions: the left word also searches the right phrases (not back). */
export const ONE_WAY = `
room: meeting room, conference room
tv: display, cec
fix: workaround, resolve, solution
error: issue, problem, failure
issue: problem, known issue
broken: error, failure, issue
laptop: hdmi, content
setup: set up, configure, configuration
settings: configuration, configure
enable: turn on, activate
disable: turn off, deactivate
turn on: enable
turn off: disable
rgb: color
black: blank, no signal
text: sms
assistant: delegate, delegation
nag: alert, prompt, notification, popup
roll back: restore, previous version
rollback: restore, previous version
revert: restore, previous version
go back: restore, previous version
downgrade: restore, previous version
clean: remove, delete
hand: manually, manual
`;
