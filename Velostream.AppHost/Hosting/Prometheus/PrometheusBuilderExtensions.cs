using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Prometheus;

/// <summary>
/// Adds Prometheus to the application model.
/// </summary>
public static class PrometheusBuilderExtensions
{
    private const int HttpPort = 9090;

    /// <summary>
    /// Adds a Prometheus container built from <c>monitoring/prometheus</c>, whose Dockerfile bakes in
    /// <c>prometheus.yml</c>. It accepts remote write (from Tempo's metrics-generator) and OTLP metrics
    /// (from the engine), and stores exemplars so that latency panels link to traces.
    /// </summary>
    /// <remarks>
    /// The image builds on <inheritdoc cref="PrometheusContainerImageTags.Image"/>:<inheritdoc cref="PrometheusContainerImageTags.Tag"/>.
    /// The resource is healthy once <c>GET /-/ready</c> answers 200.
    /// <example>
    /// <code language="csharp">
    /// var prometheus = builder.AddPrometheus("prometheus");
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The name of the resource.</param>
    /// <param name="contextPath">The folder holding the Dockerfile and <c>prometheus.yml</c>, relative to the AppHost.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{PrometheusResource}"/>.</returns>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        string contextPath = "monitoring/prometheus")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        return builder.AddResource(new PrometheusResource(name))
            .WithConfiguredImage(contextPath, "PROMETHEUS_IMAGE", PrometheusContainerImageTags.Registry, PrometheusContainerImageTags.Image, PrometheusContainerImageTags.Tag)
            // The receivers are switched on by flags, not by prometheus.yml, in Prometheus 2.x; the
            // arguments replace the image's default command, so the config and storage paths are repeated.
            .WithArgs(
                "--config.file=/etc/prometheus/prometheus.yml",
                "--storage.tsdb.path=/prometheus",
                "--web.enable-remote-write-receiver",
                "--enable-feature=exemplar-storage,otlp-write-receiver")
            .WithHttpEndpoint(targetPort: HttpPort, name: PrometheusResource.HttpEndpointName)
            .WithHttpHealthCheck("/-/ready", endpointName: PrometheusResource.HttpEndpointName)
            .WithIconName("ChartMultiple");
    }
}
