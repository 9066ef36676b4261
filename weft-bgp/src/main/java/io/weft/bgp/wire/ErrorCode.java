package io.weft.bgp.wire;

/** NOTIFICATION error codes and subcodes, RFC 4271 §4.5 and §6, with RFC 4486/6608/8203 additions. */
public final class ErrorCode {
  private ErrorCode() {}

  public static final int MESSAGE_HEADER_ERROR = 1;
  public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
  public static final int BAD_MESSAGE_LENGTH = 2;
  public static final int BAD_MESSAGE_TYPE = 3;

  public static final int OPEN_MESSAGE_ERROR = 2;
  public static final int UNSUPPORTED_VERSION_NUMBER = 1;
  public static final int BAD_PEER_AS = 2;
  public static final int BAD_BGP_IDENTIFIER = 3;
  public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
  public static final int UNACCEPTABLE_HOLD_TIME = 6;
  /** RFC 5492 §5. */
  public static final int UNSUPPORTED_CAPABILITY = 7;

  public static final int UPDATE_MESSAGE_ERROR = 3;
  public static final int MALFORMED_ATTRIBUTE_LIST = 1;
  public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
  public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
  public static final int ATTRIBUTE_FLAGS_ERROR = 4;
  public static final int ATTRIBUTE_LENGTH_ERROR = 5;
  public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
  public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
  public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
  public static final int INVALID_NETWORK_FIELD = 10;
  public static final int MALFORMED_AS_PATH = 11;

  public static final int HOLD_TIMER_EXPIRED = 4;

  public static final int FSM_ERROR = 5;
  /** RFC 6608 subcodes: unexpected message in OpenSent, OpenConfirm, Established. */
  public static final int FSM_UNEXPECTED_IN_OPEN_SENT = 1;
  public static final int FSM_UNEXPECTED_IN_OPEN_CONFIRM = 2;
  public static final int FSM_UNEXPECTED_IN_ESTABLISHED = 3;

  public static final int CEASE = 6;
  /** RFC 4486 Cease subcodes. */
  public static final int ADMINISTRATIVE_SHUTDOWN = 2;
  public static final int PEER_DECONFIGURED = 3;
  public static final int ADMINISTRATIVE_RESET = 4;
  public static final int CONNECTION_REJECTED = 5;
  public static final int CONNECTION_COLLISION_RESOLUTION = 7;

  /** RFC 7313. */
  public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;

  public static String describe(int code, int subcode) {
    String c = switch (code) {
      case MESSAGE_HEADER_ERROR -> "Message Header Error";
      case OPEN_MESSAGE_ERROR -> "OPEN Message Error";
      case UPDATE_MESSAGE_ERROR -> "UPDATE Message Error";
      case HOLD_TIMER_EXPIRED -> "Hold Timer Expired";
      case FSM_ERROR -> "Finite State Machine Error";
      case CEASE -> "Cease";
      case ROUTE_REFRESH_MESSAGE_ERROR -> "ROUTE-REFRESH Message Error";
      default -> "code " + code;
    };
    return c + "/" + subcode;
  }
}
