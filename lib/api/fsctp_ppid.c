/* SPDX-License-Identifier: BSD-3-Clause */
/* The IANA SCTP Payload Protocol Identifiers registry. */
#include <errno.h>
#include <stddef.h>
#include <strings.h>

#include "fsctp_ppid.h"

static const struct fsctp_ppid_entry ppid_table[] = {
	{ FSCTP_PPID_SCTP, "SCTP", "Reserved by SCTP (no protocol named)" },
	{ FSCTP_PPID_IUA, "IUA", "ISDN User Adaptation" },
	{ FSCTP_PPID_M2UA, "M2UA", "SS7 MTP2 User Adaptation" },
	{ FSCTP_PPID_M3UA, "M3UA", "SS7 MTP3 User Adaptation" },
	{ FSCTP_PPID_SUA, "SUA", "SS7 SCCP User Adaptation" },
	{ FSCTP_PPID_M2PA, "M2PA", "SS7 MTP2 Peer-to-Peer Adaptation" },
	{ FSCTP_PPID_V5UA, "V5UA", "V5.2 User Adaptation" },
	{ FSCTP_PPID_H248, "H248", "H.248 / Megaco" },
	{ FSCTP_PPID_BICC, "BICC", "BICC / Q.2150.3" },
	{ FSCTP_PPID_TALI, "TALI", "Transport Adapter Layer Interface" },
	{ FSCTP_PPID_DUA, "DUA", "DPNSS/DASS2 User Adaptation" },
	{ FSCTP_PPID_ASAP, "ASAP", "Aggregate Server Access Protocol" },
	{ FSCTP_PPID_ENRP, "ENRP", "Endpoint Handlespace Redundancy Protocol" },
	{ FSCTP_PPID_H323, "H323", "H.323" },
	{ FSCTP_PPID_QIPC, "QIPC", "Q.IPC / Q.2150.3" },
	{ FSCTP_PPID_SIMCO, "SIMCO", "Simple Middlebox Configuration" },
	{ FSCTP_PPID_DDP_SEGMENT, "DDP_Segment", "DDP Segment Chunk" },
	{ FSCTP_PPID_DDP_CONTROL, "DDP_Control", "DDP Stream Session Control" },
	{ FSCTP_PPID_S1AP, "S1AP", "S1 Application Protocol" },
	{ FSCTP_PPID_RUA, "RUA", "RANAP User Adaptation" },
	{ FSCTP_PPID_HNBAP, "HNBAP", "Home NodeB Application Part" },
	{ FSCTP_PPID_FORCES_HP, "ForCES_HP", "ForCES high priority" },
	{ FSCTP_PPID_FORCES_MP, "ForCES_MP", "ForCES medium priority" },
	{ FSCTP_PPID_FORCES_LP, "ForCES_LP", "ForCES low priority" },
	{ FSCTP_PPID_SBCAP, "SBcAP", "SBc Application Part" },
	{ FSCTP_PPID_NBAP, "NBAP", "NodeB Application Part" },
	{ FSCTP_PPID_X2AP, "X2AP", "X2 Application Protocol" },
	{ FSCTP_PPID_IRCP, "IRCP", "Inter Router Capability Protocol" },
	{ FSCTP_PPID_LCSAP, "LCSAP", "LCS Application Protocol" },
	{ FSCTP_PPID_MPICH2, "MPICH2", "MPICH2" },
	{ FSCTP_PPID_SABP, "SABP", "Service Area Broadcast Protocol" },
	{ FSCTP_PPID_FGP, "FGP", "Fractal Generator Protocol" },
	{ FSCTP_PPID_PPP, "PPP", "Ping Pong Protocol" },
	{ FSCTP_PPID_CALCAPP, "CalcApp", "Calculation Application Protocol" },
	{ FSCTP_PPID_SSP, "SSP", "Scripting Service Protocol" },
	{ FSCTP_PPID_NPMP_CONTROL, "NPMP_Control",
	  "NetPerfMeter control channel" },
	{ FSCTP_PPID_NPMP_DATA, "NPMP_Data", "NetPerfMeter data channel" },
	{ FSCTP_PPID_ECHO, "Echo", "Echo" },
	{ FSCTP_PPID_DISCARD, "Discard", "Discard" },
	{ FSCTP_PPID_DAYTIME, "Daytime", "Daytime" },
	{ FSCTP_PPID_CHARGEN, "Chargen", "Character Generator" },
	{ FSCTP_PPID_RNA, "RNA", "3GPP RNA" },
	{ FSCTP_PPID_M2AP, "M2AP", "3GPP M2AP" },
	{ FSCTP_PPID_M3AP, "M3AP", "3GPP M3AP" },
	{ FSCTP_PPID_SSH, "SSH", "SSH over SCTP" },
	{ FSCTP_PPID_DIAMETER, "Diameter", "Diameter" },
	{ FSCTP_PPID_DIAMETER_DTLS, "Diameter_DTLS",
	  "Diameter over DTLS/SCTP" },
	{ FSCTP_PPID_R14P, "R14P", "R14P, BER-encoded ASN.1" },
	{ FSCTP_PPID_GDT, "GDT", "Generic Data Transfer" },
	{ FSCTP_PPID_WEBRTC_DCEP, "WebRTC_DCEP",
	  "WebRTC Data Channel Establishment Protocol" },
	{ FSCTP_PPID_WEBRTC_STRING, "WebRTC_String", "WebRTC String" },
	{ FSCTP_PPID_WEBRTC_BINARY_PARTIAL, "WebRTC_Binary_Partial",
	  "WebRTC Binary Partial (deprecated)" },
	{ FSCTP_PPID_WEBRTC_BINARY, "WebRTC_Binary", "WebRTC Binary" },
	{ FSCTP_PPID_WEBRTC_STRING_PARTIAL, "WebRTC_String_Partial",
	  "WebRTC String Partial (deprecated)" },
	{ FSCTP_PPID_PUA, "PUA", "3GPP PUA" },
	{ FSCTP_PPID_WEBRTC_STRING_EMPTY, "WebRTC_String_Empty",
	  "WebRTC String Empty" },
	{ FSCTP_PPID_WEBRTC_BINARY_EMPTY, "WebRTC_Binary_Empty",
	  "WebRTC Binary Empty" },
	{ FSCTP_PPID_XWAP, "XwAP", "3GPP XwAP" },
	{ FSCTP_PPID_XW_CP, "Xw_CP", "3GPP Xw control plane" },
	{ FSCTP_PPID_NGAP, "NGAP", "3GPP NG Application Protocol" },
	{ FSCTP_PPID_XNAP, "XnAP", "3GPP Xn Application Protocol" },
	{ FSCTP_PPID_F1AP, "F1AP", "3GPP F1 Application Protocol" },
	{ FSCTP_PPID_HTTP, "HTTP", "HTTP over SCTP" },
	{ FSCTP_PPID_E1AP, "E1AP", "3GPP E1 Application Protocol" },
	{ FSCTP_PPID_ELE2, "ELE2", "ELE2 Lawful Interception" },
	{ FSCTP_PPID_NGAP_DTLS, "NGAP_DTLS", "3GPP NGAP over DTLS/SCTP" },
	{ FSCTP_PPID_XNAP_DTLS, "XnAP_DTLS", "3GPP XnAP over DTLS/SCTP" },
	{ FSCTP_PPID_F1AP_DTLS, "F1AP_DTLS", "3GPP F1AP over DTLS/SCTP" },
	{ FSCTP_PPID_E1AP_DTLS, "E1AP_DTLS", "3GPP E1AP over DTLS/SCTP" },
	{ FSCTP_PPID_E2_CP, "E2_CP", "O-RAN E2 control plane" },
	{ FSCTP_PPID_E2_UP, "E2_UP", "O-RAN E2 user plane" },
	{ FSCTP_PPID_E2_DU, "E2_DU", "O-RAN E2 DU" },
	{ FSCTP_PPID_W1AP, "W1AP", "3GPP W1 Application Protocol" },
};

const struct fsctp_ppid_entry *
fsctp_ppid_table(unsigned int *n)
{
	if (n != NULL)
		*n = sizeof(ppid_table) / sizeof(ppid_table[0]);
	return ppid_table;
}

const char *
fsctp_ppid_name(uint32_t value)
{
	size_t lo = 0, hi = sizeof(ppid_table) / sizeof(ppid_table[0]);

	/* The table is sorted by value: binary search. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ppid_table[mid].value == value)
			return ppid_table[mid].name;
		if (ppid_table[mid].value < value)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
fsctp_ppid_from_name(const char *name, uint32_t *value)
{
	size_t i;

	if (name == NULL || value == NULL)
		return -EINVAL;
	for (i = 0; i < sizeof(ppid_table) / sizeof(ppid_table[0]); i++) {
		if (strcasecmp(ppid_table[i].name, name) == 0) {
			*value = ppid_table[i].value;
			return 0;
		}
	}
	return -ENOENT;
}
