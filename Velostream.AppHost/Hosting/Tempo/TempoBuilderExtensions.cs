using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Velostream.AppHost.Hosting.Prometheus;

namespace Velostream.AppHost.Hosting.Tempo;

/// <summary>
/// Adds Grafana Tempo to the application model.
/// </summary>
public static class TempoBuilderExtensions
{
    private const int HttpPort = 3200;
    private const int OtlpGrpcPort = 4317;
    private const int OtlpHttpPort = 4318;

    /// <summary>
    /// Adds a Tempo container built from <c>monitoring/tempo</c>, whose Dockerfile bakes in
    /// <c>tempo.yaml</c> so that a published image carries its configuration (no bind mounts).
    /// </summary>
    /// <remarks>
    /// The image builds on <inheritdoc cref="TempoContainerImageTags.Image"/>:<inheritdoc cref="TempoContainerImageTags.Tag"/>.
    /// The resource is healthy once <c>GET /ready</c> answers 200.
    /// <example>
    /// <code language="csharp">
    /// var tempo = builder.AddTempo("tempo").WithRemoteWriteTo(prometheus);
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The name of the resource.</param>
    /// <param name="contextPath">The folder holding the Dockerfile and <c>tempo.yaml</c>, relative to the AppHost.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{TempoResource}"/>.</returns>
    public static IResourceBuilder<TempoResource> AddTempo(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        string contextPath = "monitoring/tempo")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddResource(new TempoResource(name))
            .WithConfiguredImage(contextPath, "TEMPO_IMAGE", TempoContainerImageTags.Registry, TempoContainerImageTags.Image, TempoContainerImageTags.Tag)
            .WithHttpEndpoint(targetPort: HttpPort, name: TempoResource.HttpEndpointName)
            .WithEndpoint(targetPort: OtlpGrpcPort, scheme: "http", name: TempoResource.OtlpGrpcEndpointName)
            .WithEndpoint(TempoResource.OtlpGrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithHttpEndpoint(targetPort: OtlpHttpPort, name: TempoResource.OtlpHttpEndpointName)
            .WithHttpHealthCheck("/ready", endpointName: TempoResource.HttpEndpointName)
            .WithIconName("BranchFork");
    }

    /// <summary>
    /// Points the metrics-generator's remote write at Prometheus's remote-write receiver. <c>tempo.yaml</c>
    /// reads the URL from <c>PROMETHEUS_REMOTE_WRITE_URL</c> (Tempo runs with <c>-config.expand-env=true</c>).
    /// </summary>
    /// <param name="builder">The Tempo resource builder.</param>
    /// <param name="prometheus">The Prometheus that stores span metrics and service-graph metrics.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{TempoResource}"/>.</returns>
    public static IResourceBuilder<TempoResource> WithRemoteWriteTo(
        this IResourceBuilder<TempoResource> builder,
        IResourceBuilder<PrometheusResource> prometheus)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prometheus);

        return builder
            .WithEnvironment("PROMETHEUS_REMOTE_WRITE_URL", prometheus.Resource.RemoteWriteUrl)
            .WithReferenceRelationship(prometheus);
    }
}
