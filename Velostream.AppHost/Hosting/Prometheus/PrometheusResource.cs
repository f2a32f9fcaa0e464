using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Prometheus;

/// <summary>
/// Prometheus: stores the metrics Tempo generates from spans (remote write, with exemplars) and the
/// metrics the engine exports over OTLP.
/// </summary>
/// <param name="name">The name of the resource.</param>
public sealed class PrometheusResource(string name) : ContainerResource(name), IResourceWithServiceDiscovery
{
    /// <summary>Name of the HTTP endpoint: UI, query API, receivers and <c>/-/ready</c>.</summary>
    public const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    /// <summary>The HTTP endpoint (query API and receivers).</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <summary>Where Tempo's metrics-generator remote-writes its series.</summary>
    public ReferenceExpression RemoteWriteUrl => ReferenceExpression.Create($"{HttpEndpoint}/api/v1/write");

    /// <summary>
    /// The base of the OTLP/HTTP receiver that the engine exports its metrics to; OTLP exporters append
    /// <c>/v1/metrics</c>, which makes <c>/api/v1/otlp/v1/metrics</c>.
    /// </summary>
    public ReferenceExpression OtlpUrl => ReferenceExpression.Create($"{HttpEndpoint}/api/v1/otlp");
}
