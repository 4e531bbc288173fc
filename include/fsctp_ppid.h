/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * The IANA "SCTP Payload Protocol Identifiers" registry as named constants,
 * with lookups from name to value and back. Names follow the Node.js `sctp`
 * module where it has one (M3UA, Diameter_DTLS, WebRTC_String_Empty, ...).
 * PPIDs travel in network byte order on the wire; these values are host
 * order, as every fsctp API takes them.
 */
#ifndef FSCTP_PPID_H
#define FSCTP_PPID_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Registered payload protocol identifiers (IANA, value 26 unassigned). */
enum fsctp_ppid {
	FSCTP_PPID_SCTP = 0,   /**< Reserved by SCTP (no protocol named). */
	FSCTP_PPID_IUA = 1,    /**< ISDN User Adaptation. */
	FSCTP_PPID_M2UA = 2,   /**< SS7 MTP2 User Adaptation. */
	FSCTP_PPID_M3UA = 3,   /**< SS7 MTP3 User Adaptation. */
	FSCTP_PPID_SUA = 4,    /**< SS7 SCCP User Adaptation. */
	FSCTP_PPID_M2PA = 5,   /**< SS7 MTP2 Peer-to-Peer Adaptation. */
	FSCTP_PPID_V5UA = 6,   /**< V5.2 User Adaptation. */
	FSCTP_PPID_H248 = 7,   /**< H.248 / Megaco. */
	FSCTP_PPID_BICC = 8,   /**< BICC / Q.2150.3. */
	FSCTP_PPID_TALI = 9,   /**< Transport Adapter Layer Interface. */
	FSCTP_PPID_DUA = 10,   /**< DPNSS/DASS2 User Adaptation. */
	FSCTP_PPID_ASAP = 11,  /**< Aggregate Server Access Protocol. */
	FSCTP_PPID_ENRP = 12,  /**< Endpoint Handlespace Redundancy Protocol. */
	FSCTP_PPID_H323 = 13,  /**< H.323. */
	FSCTP_PPID_QIPC = 14,  /**< Q.IPC / Q.2150.3. */
	FSCTP_PPID_SIMCO = 15, /**< Simple Middlebox Configuration. */
	FSCTP_PPID_DDP_SEGMENT = 16,   /**< DDP Segment Chunk. */
	FSCTP_PPID_DDP_CONTROL = 17,   /**< DDP Stream Session Control. */
	FSCTP_PPID_S1AP = 18,	       /**< S1 Application Protocol. */
	FSCTP_PPID_RUA = 19,	       /**< RANAP User Adaptation. */
	FSCTP_PPID_HNBAP = 20,	       /**< Home NodeB Application Part. */
	FSCTP_PPID_FORCES_HP = 21,     /**< ForCES high priority. */
	FSCTP_PPID_FORCES_MP = 22,     /**< ForCES medium priority. */
	FSCTP_PPID_FORCES_LP = 23,     /**< ForCES low priority. */
	FSCTP_PPID_SBCAP = 24,	       /**< SBc Application Part. */
	FSCTP_PPID_NBAP = 25,	       /**< NodeB Application Part. */
	FSCTP_PPID_X2AP = 27,	       /**< X2 Application Protocol. */
	FSCTP_PPID_IRCP = 28,	       /**< Inter Router Capability Protocol. */
	FSCTP_PPID_LCSAP = 29,	       /**< LCS Application Protocol. */
	FSCTP_PPID_MPICH2 = 30,	       /**< MPICH2. */
	FSCTP_PPID_SABP = 31,	       /**< Service Area Broadcast Protocol. */
	FSCTP_PPID_FGP = 32,	       /**< Fractal Generator Protocol. */
	FSCTP_PPID_PPP = 33,	       /**< Ping Pong Protocol. */
	FSCTP_PPID_CALCAPP = 34,       /**< Calculation Application Protocol. */
	FSCTP_PPID_SSP = 35,	       /**< Scripting Service Protocol. */
	FSCTP_PPID_NPMP_CONTROL = 36,  /**< NetPerfMeter control channel. */
	FSCTP_PPID_NPMP_DATA = 37,     /**< NetPerfMeter data channel. */
	FSCTP_PPID_ECHO = 38,	       /**< Echo. */
	FSCTP_PPID_DISCARD = 39,       /**< Discard. */
	FSCTP_PPID_DAYTIME = 40,       /**< Daytime. */
	FSCTP_PPID_CHARGEN = 41,       /**< Character Generator. */
	FSCTP_PPID_RNA = 42,	       /**< 3GPP RNA. */
	FSCTP_PPID_M2AP = 43,	       /**< 3GPP M2AP. */
	FSCTP_PPID_M3AP = 44,	       /**< 3GPP M3AP. */
	FSCTP_PPID_SSH = 45,	       /**< SSH over SCTP. */
	FSCTP_PPID_DIAMETER = 46,      /**< Diameter. */
	FSCTP_PPID_DIAMETER_DTLS = 47, /**< Diameter over DTLS/SCTP. */
	FSCTP_PPID_R14P = 48,	       /**< R14P, BER-encoded ASN.1. */
	FSCTP_PPID_GDT = 49,	       /**< Generic Data Transfer. */
	FSCTP_PPID_WEBRTC_DCEP =
		50, /**< WebRTC Data Channel Establishment Protocol. */
	FSCTP_PPID_WEBRTC_STRING = 51, /**< WebRTC String. */
	FSCTP_PPID_WEBRTC_BINARY_PARTIAL =
		52, /**< WebRTC Binary Partial (deprecated). */
	FSCTP_PPID_WEBRTC_BINARY = 53, /**< WebRTC Binary. */
	FSCTP_PPID_WEBRTC_STRING_PARTIAL =
		54,	     /**< WebRTC String Partial (deprecated). */
	FSCTP_PPID_PUA = 55, /**< 3GPP PUA. */
	FSCTP_PPID_WEBRTC_STRING_EMPTY = 56, /**< WebRTC String Empty. */
	FSCTP_PPID_WEBRTC_BINARY_EMPTY = 57, /**< WebRTC Binary Empty. */
	FSCTP_PPID_XWAP = 58,		     /**< 3GPP XwAP. */
	FSCTP_PPID_XW_CP = 59,		     /**< 3GPP Xw control plane. */
	FSCTP_PPID_NGAP = 60,	   /**< 3GPP NG Application Protocol. */
	FSCTP_PPID_XNAP = 61,	   /**< 3GPP Xn Application Protocol. */
	FSCTP_PPID_F1AP = 62,	   /**< 3GPP F1 Application Protocol. */
	FSCTP_PPID_HTTP = 63,	   /**< HTTP over SCTP. */
	FSCTP_PPID_E1AP = 64,	   /**< 3GPP E1 Application Protocol. */
	FSCTP_PPID_ELE2 = 65,	   /**< ELE2 Lawful Interception. */
	FSCTP_PPID_NGAP_DTLS = 66, /**< 3GPP NGAP over DTLS/SCTP. */
	FSCTP_PPID_XNAP_DTLS = 67, /**< 3GPP XnAP over DTLS/SCTP. */
	FSCTP_PPID_F1AP_DTLS = 68, /**< 3GPP F1AP over DTLS/SCTP. */
	FSCTP_PPID_E1AP_DTLS = 69, /**< 3GPP E1AP over DTLS/SCTP. */
	FSCTP_PPID_E2_CP = 70,	   /**< O-RAN E2 control plane. */
	FSCTP_PPID_E2_UP = 71,	   /**< O-RAN E2 user plane. */
	FSCTP_PPID_E2_DU = 72,	   /**< O-RAN E2 DU. */
	FSCTP_PPID_W1AP = 73,	   /**< 3GPP W1 Application Protocol. */
};

/** One row of the registry. */
struct fsctp_ppid_entry {
	uint32_t value;		 /**< The identifier, host order. */
	const char *name;	 /**< Short name, e.g. "M3UA". */
	const char *description; /**< What the protocol is. */
};

/**
 * The whole registry, sorted by value.
 * @param n set to the number of rows.
 * @return the first row. Any lcore may call it.
 */
const struct fsctp_ppid_entry *fsctp_ppid_table(unsigned int *n);

/**
 * The short name of a PPID.
 * @return the name, or NULL for an unassigned value. Any lcore may call it.
 */
const char *fsctp_ppid_name(uint32_t value);

/**
 * Look a PPID up by its short name, case-insensitively ("m3ua", "M3UA").
 * @param value set to the identifier on success.
 * @return 0, -EINVAL for a NULL argument, or -ENOENT for an unknown name.
 *   Any lcore may call it.
 */
int fsctp_ppid_from_name(const char *name, uint32_t *value);

#ifdef __cplusplus
}
#endif

#endif /* FSCTP_PPID_H */
