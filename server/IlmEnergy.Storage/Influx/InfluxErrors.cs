using System.Net;

namespace IlmEnergy.Storage.Influx;

/// <summary>What went wrong with a request, derived from the v1 API's status codes.</summary>
public enum InfluxErrorKind
{
    /// <summary>400: unparsable line protocol or a field-type conflict. Retrying cannot help.</summary>
    BadRequest,

    /// <summary>401 (bad credentials) or 403 (not allowed).</summary>
    Unauthorized,

    /// <summary>404: the database does not exist.</summary>
    DatabaseNotFound,

    /// <summary>413: the body exceeds the server's max-body-size; send smaller batches.</summary>
    PayloadTooLarge,

    /// <summary>5xx: unknown retention policy, overload, or a server fault.</summary>
    ServerError,

    /// <summary>No HTTP answer at all: connection refused, reset or timed out.</summary>
    Unreachable,

    /// <summary>A statement inside a /query answer reported an error.</summary>
    QueryFailed,
}

/// <summary>A failed InfluxDB request, typed so callers decide between retry, spool and dead-letter.</summary>
public sealed class InfluxException(InfluxErrorKind kind, HttpStatusCode? status, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public InfluxErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status, or null when the server did not answer.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Worth trying again later: the server was away or overloaded, not the data at fault.</summary>
    public bool IsTransient => Kind is InfluxErrorKind.Unreachable or InfluxErrorKind.ServerError;

    public static InfluxErrorKind KindOf(HttpStatusCode status) => (int)status switch
    {
        400 => InfluxErrorKind.BadRequest,
        401 or 403 => InfluxErrorKind.Unauthorized,
        404 => InfluxErrorKind.DatabaseNotFound,
        413 => InfluxErrorKind.PayloadTooLarge,
        _ => InfluxErrorKind.ServerError,
    };
}
