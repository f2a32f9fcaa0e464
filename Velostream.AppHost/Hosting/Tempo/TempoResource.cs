using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Tempo;

/// <summary>
/// Grafana Tempo: receives traces over OTLP, stores them, and turns them into span metrics and
/// service-graph metrics with its metrics-generator.
/// </summary>
/// <param name="name">The name of the resource.</param>
public sealed class TempoResource(string name) : ContainerResource(name), IResourceWithServiceDiscovery
{
    /// <summary>Name of the HTTP endpoint: the query API, <c>/ready</c> and <c>/metrics</c>.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>Name of the OTLP/gRPC receiver endpoint.</summary>
    public const string OtlpGrpcEndpointName = "otlp-grpc";

    /// <summary>Name of the OTLP/HTTP receiver endpoint.</summary>
    public const string OtlpHttpEndpointName = "otlp-http";

    private EndpointReference? _httpEndpoint;
    private EndpointReference? _otlpGrpcEndpoint;
    private EndpointReference? _otlpHttpEndpoint;

    /// <summary>The query API, which Grafana's Tempo data source talks to.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <summary>The OTLP/gRPC receiver that services export their spans to.</summary>
    public EndpointReference OtlpGrpcEndpoint => _otlpGrpcEndpoint ??= new(this, OtlpGrpcEndpointName);

    /// <summary>The OTLP/HTTP receiver, for exporters that speak HTTP/protobuf.</summary>
    public EndpointReference OtlpHttpEndpoint => _otlpHttpEndpoint ??= new(this, OtlpHttpEndpointName);
}
