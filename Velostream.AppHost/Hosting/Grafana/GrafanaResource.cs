using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting.Grafana;

/// <summary>
/// Grafana with Velostream's data sources and dashboards provisioned into its image.
/// </summary>
/// <param name="name">The name of the resource.</param>
/// <param name="adminPassword">The secret parameter holding the <c>admin</c> user's password.</param>
public sealed class GrafanaResource(string name, ParameterResource adminPassword) : ContainerResource(name)
{
    /// <summary>Name of the HTTP endpoint (UI and <c>/api/health</c>).</summary>
    public const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    /// <summary>The UI.</summary>
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <summary>The <c>admin</c> user's password.</summary>
    public ParameterResource AdminPassword { get; } = adminPassword;
}
