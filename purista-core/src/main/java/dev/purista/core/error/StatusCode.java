package dev.purista.core.error;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * PURISTA's status codes ({@code StatusCode}) with their default error texts
 * ({@code getErrorMessageForCode}): the key of the TypeScript enum split into words. A code PURISTA does
 * not know has the text {@value #UNKNOWN_MESSAGE}.
 */
public enum StatusCode {

	/** 100 Info Continue. */
	INFO_CONTINUE(100, "InfoContinue", "Info Continue"),

	/** 101 Info Switching Protocols. */
	INFO_SWITCHING_PROTOCOLS(101, "InfoSwitchingProtocols", "Info Switching Protocols"),

	/** 102 Info Processing. */
	INFO_PROCESSING(102, "InfoProcessing", "Info Processing"),

	/** 200 OK. */
	OK(200, "OK", "OK"),

	/** 201 Created. */
	CREATED(201, "Created", "Created"),

	/** 202 Accepted. */
	ACCEPTED(202, "Accepted", "Accepted"),

	/** 203 Non Authoritative Info. */
	NON_AUTHORITATIVE_INFO(203, "NonAuthoritativeInfo", "Non Authoritative Info"),

	/** 204 No Content. */
	NO_CONTENT(204, "NoContent", "No Content"),

	/** 205 Reset Content. */
	RESET_CONTENT(205, "ResetContent", "Reset Content"),

	/** 206 Partial Content. */
	PARTIAL_CONTENT(206, "PartialContent", "Partial Content"),

	/** 207 Multi Status. */
	MULTI_STATUS(207, "MultiStatus", "Multi Status"),

	/** 208 Already Reported. */
	ALREADY_REPORTED(208, "AlreadyReported", "Already Reported"),

	/** 229 IM Used. */
	IM_USED(229, "IMUsed", "IM Used"),

	/** 300 Redirect Multiple Choices. */
	REDIRECT_MULTIPLE_CHOICES(300, "RedirectMultipleChoices", "Redirect Multiple Choices"),

	/** 301 Redirect Moved Permanently. */
	REDIRECT_MOVED_PERMANENTLY(301, "RedirectMovedPermanently", "Redirect Moved Permanently"),

	/** 302 Redirect Found. */
	REDIRECT_FOUND(302, "RedirectFound", "Redirect Found"),

	/** 303 Redirect See Other. */
	REDIRECT_SEE_OTHER(303, "RedirectSeeOther", "Redirect See Other"),

	/** 304 Redirect Not Modified. */
	REDIRECT_NOT_MODIFIED(304, "RedirectNotModified", "Redirect Not Modified"),

	/** 305 Redirect Use Proxy. */
	REDIRECT_USE_PROXY(305, "RedirectUseProxy", "Redirect Use Proxy"),

	/** 306 Redirect Switch Proxy. */
	REDIRECT_SWITCH_PROXY(306, "RedirectSwitchProxy", "Redirect Switch Proxy"),

	/** 307 Redirect Temp. */
	REDIRECT_TEMP(307, "RedirectTemp", "Redirect Temp"),

	/** 308 Redirect Permanent. */
	REDIRECT_PERMANENT(308, "RedirectPermanent", "Redirect Permanent"),

	/** 400 Bad Request. */
	BAD_REQUEST(400, "BadRequest", "Bad Request"),

	/** 401 Unauthorized. */
	UNAUTHORIZED(401, "Unauthorized", "Unauthorized"),

	/** 402 Payment Required. */
	PAYMENT_REQUIRED(402, "PaymentRequired", "Payment Required"),

	/** 403 Forbidden. */
	FORBIDDEN(403, "Forbidden", "Forbidden"),

	/** 404 Not Found. */
	NOT_FOUND(404, "NotFound", "Not Found"),

	/** 405 Method Not Allowed. */
	METHOD_NOT_ALLOWED(405, "MethodNotAllowed", "Method Not Allowed"),

	/** 406 Not Acceptable. */
	NOT_ACCEPTABLE(406, "NotAcceptable", "Not Acceptable"),

	/** 407 Proxy Auth Required. */
	PROXY_AUTH_REQUIRED(407, "ProxyAuthRequired", "Proxy Auth Required"),

	/** 408 Request Timeout. */
	REQUEST_TIMEOUT(408, "RequestTimeout", "Request Timeout"),

	/** 409 Conflict. */
	CONFLICT(409, "Conflict", "Conflict"),

	/** 410 Gone. */
	GONE(410, "Gone", "Gone"),

	/** 411 Length Required. */
	LENGTH_REQUIRED(411, "LengthRequired", "Length Required"),

	/** 412 Precondition Failed. */
	PRECONDITION_FAILED(412, "PreconditionFailed", "Precondition Failed"),

	/** 413 Payload Too Large. */
	PAYLOAD_TOO_LARGE(413, "PayloadTooLarge", "Payload Too Large"),

	/** 414 URI Too Long. */
	URI_TOO_LONG(414, "URITooLong", "URI Too Long"),

	/** 415 Unsupported Media Type. */
	UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType", "Unsupported Media Type"),

	/** 416 Range Not Satisfiable. */
	RANGE_NOT_SATISFIABLE(416, "RangeNotSatisfiable", "Range Not Satisfiable"),

	/** 417 Expectation Failed. */
	EXPECTATION_FAILED(417, "ExpectationFailed", "Expectation Failed"),

	/** 418 Im A Teapot. */
	IM_A_TEAPOT(418, "ImATeapot", "Im A Teapot"),

	/** 421 Misdirected Request. */
	MISDIRECTED_REQUEST(421, "MisdirectedRequest", "Misdirected Request"),

	/** 422 Unprocessable Entity. */
	UNPROCESSABLE_ENTITY(422, "UnprocessableEntity", "Unprocessable Entity"),

	/** 423 Locked. */
	LOCKED(423, "Locked", "Locked"),

	/** 426 Upgrade Required. */
	UPGRADE_REQUIRED(426, "UpgradeRequired", "Upgrade Required"),

	/** 428 Precondition Required. */
	PRECONDITION_REQUIRED(428, "PreconditionRequired", "Precondition Required"),

	/** 429 Too Many Requests. */
	TOO_MANY_REQUESTS(429, "TooManyRequests", "Too Many Requests"),

	/** 431 Request Header Fields Too Large. */
	REQUEST_HEADER_FIELDS_TOO_LARGE(431, "RequestHeaderFieldsTooLarge", "Request Header Fields Too Large"),

	/** 440 Login Time Out. */
	LOGIN_TIME_OUT(440, "LoginTimeOut", "Login Time Out"),

	/** 449 Retry With. */
	RETRY_WITH(449, "RetryWith", "Retry With"),

	/** 451 Unavailable For Legal Reasons. */
	UNAVAILABLE_FOR_LEGAL_REASONS(451, "UnavailableForLegalReasons", "Unavailable For Legal Reasons"),

	/** 498 Invalid Token. */
	INVALID_TOKEN(498, "InvalidToken", "Invalid Token"),

	/** 499 Token Required. */
	TOKEN_REQUIRED(499, "TokenRequired", "Token Required"),

	/** 500 Internal Server Error. */
	INTERNAL_SERVER_ERROR(500, "InternalServerError", "Internal Server Error"),

	/** 501 Not Implemented. */
	NOT_IMPLEMENTED(501, "NotImplemented", "Not Implemented"),

	/** 502 Bad Gateway. */
	BAD_GATEWAY(502, "BadGateway", "Bad Gateway"),

	/** 503 Service Unavailable. */
	SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service Unavailable"),

	/** 504 Gateway Timeout. */
	GATEWAY_TIMEOUT(504, "GatewayTimeout", "Gateway Timeout"),

	/** 505 HTTP Version Not Supported. */
	HTTP_VERSION_NOT_SUPPORTED(505, "HTTPVersionNotSupported", "HTTP Version Not Supported"),

	/** 506 Variant Also Negotiates. */
	VARIANT_ALSO_NEGOTIATES(506, "VariantAlsoNegotiates", "Variant Also Negotiates"),

	/** 507 Insufficient Storage. */
	INSUFFICIENT_STORAGE(507, "InsufficientStorage", "Insufficient Storage"),

	/** 508 Loop Detected. */
	LOOP_DETECTED(508, "LoopDetected", "Loop Detected"),

	/** 509 Bandwidth Limit Exceeded. */
	BANDWIDTH_LIMIT_EXCEEDED(509, "BandwidthLimitExceeded", "Bandwidth Limit Exceeded"),

	/** 510 Not Extended. */
	NOT_EXTENDED(510, "NotExtended", "Not Extended"),

	/** 511 Network Auth Required. */
	NETWORK_AUTH_REQUIRED(511, "NetworkAuthRequired", "Network Auth Required");

	/** The text for codes PURISTA does not know. */
	public static final String UNKNOWN_MESSAGE = "Unknown Error";

	private static final Map<Integer, StatusCode> BY_CODE = new HashMap<>();

	static {
		for (StatusCode status : values()) {
			BY_CODE.put(status.code, status);
		}
	}

	private final int code;

	private final String puristaName;

	private final String message;

	StatusCode(int code, String puristaName, String message) {
		this.code = code;
		this.puristaName = puristaName;
		this.message = message;
	}

	/**
	 * The numeric code.
	 * @return the code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * The key of the TypeScript enum, e.g. {@code NotFound}.
	 * @return the PURISTA name
	 */
	public String puristaName() {
		return this.puristaName;
	}

	/**
	 * The default error text, e.g. "Not Found".
	 * @return the text
	 */
	public String message() {
		return this.message;
	}

	/**
	 * Return the status for a code.
	 * @param code the numeric code
	 * @return the status or {@code null} when PURISTA does not know the code
	 */
	public static @Nullable StatusCode fromCode(int code) {
		return BY_CODE.get(code);
	}

	/**
	 * Return PURISTA's default error text for a code.
	 * @param code the numeric code
	 * @return the text, {@value #UNKNOWN_MESSAGE} for unknown codes
	 */
	public static String messageFor(int code) {
		StatusCode status = fromCode(code);
		return (status != null) ? status.message : UNKNOWN_MESSAGE;
	}

}
