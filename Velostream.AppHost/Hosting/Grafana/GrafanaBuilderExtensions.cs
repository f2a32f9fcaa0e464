using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Velostream.AppHost.Hosting.Prometheus;
using Velostream.AppHost.Hosting.Tempo;

namespace Velostream.AppHost.Hosting.Grafana;

/// <summary>
/// Adds Grafana to the application model.
/// </summary>
public static class GrafanaBuilderExtensions
{
    private const int HttpPort = 3000;

    /// <summary>
    /// Adds a Grafana container built from <c>monitoring/grafana</c>, whose Dockerfile bakes in the
    /// data-source and dashboard provisioning and the dashboards themselves.
    /// </summary>
    /// <remarks>
    /// The image builds on <inheritdoc cref="GrafanaContainerImageTags.Image"/>:<inheritdoc cref="GrafanaContainerImageTags.Tag"/>.
    /// The resource is healthy once <c>GET /api/health</c> answers 200. In run mode anonymous users may
    /// view the dashboards, so that F5 shows them without a login; a published Grafana asks everyone to sign in.
    /// <example>
    /// <code language="csharp">
    /// var password = builder.AddParameter("grafana-admin-password", secret: true);
    /// builder.AddGrafana("grafana", password).WithDataSources(prometheus, tempo);
    /// </code>
    /// </example>
    /// </remarks>
    /// <param name="builder">The <see cref="IDistributedApplicationBuilder"/>.</param>
    /// <param name="name">The name of the resource.</param>
    /// <param name="adminPassword">A secret parameter for the <c>admin</c> user's password.</param>
    /// <param name="contextPath">The folder holding the Dockerfile and provisioning, relative to the AppHost.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{GrafanaResource}"/>.</returns>
    public static IResourceBuilder<GrafanaResource> AddGrafana(
        this IDistributedApplicationBuilder builder,
        [ResourceName] string name,
        IResourceBuilder<ParameterResource> adminPassword,
        string contextPath = "monitoring/grafana")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(adminPassword);

        var grafana = builder.AddResource(new GrafanaResource(name, adminPassword.Resource))
            .WithConfiguredImage(contextPath, "GRAFANA_IMAGE", GrafanaContainerImageTags.Registry, GrafanaContainerImageTags.Image, GrafanaContainerImageTags.Tag)
            .WithHttpEndpoint(targetPort: HttpPort, name: GrafanaResource.HttpEndpointName)
            .WithHttpHealthCheck("/api/health", endpointName: GrafanaResource.HttpEndpointName)
            .WithEnvironment("GF_SECURITY_ADMIN_USER", "admin")
            .WithEnvironment("GF_SECURITY_ADMIN_PASSWORD", adminPassword)
            .WithIconName("DataArea");

        if (builder.ExecutionContext.IsRunMode)
        {
            grafana
                .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
        }

        return grafana;
    }

    /// <summary>
    /// Points the provisioned data sources at Prometheus and Tempo. The provisioning file reads the URLs
    /// from <c>PROMETHEUS_URL</c> and <c>TEMPO_URL</c>, which Grafana expands when it loads the file.
    /// </summary>
    /// <param name="builder">The Grafana resource builder.</param>
    /// <param name="prometheus">The Prometheus holding span metrics, service-graph metrics and engine metrics.</param>
    /// <param name="tempo">The Tempo holding the traces.</param>
    /// <returns>A reference to the <see cref="IResourceBuilder{GrafanaResource}"/>.</returns>
    public static IResourceBuilder<GrafanaResource> WithDataSources(
        this IResourceBuilder<GrafanaResource> builder,
        IResourceBuilder<PrometheusResource> prometheus,
        IResourceBuilder<TempoResource> tempo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(tempo);

        return builder
            .WithEnvironment("PROMETHEUS_URL", prometheus.Resource.HttpEndpoint)
            .WithEnvironment("TEMPO_URL", tempo.Resource.HttpEndpoint)
            .WithReferenceRelationship(prometheus)
            .WithReferenceRelationship(tempo);
    }
}
