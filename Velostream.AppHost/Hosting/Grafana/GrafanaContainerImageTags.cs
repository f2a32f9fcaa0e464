namespace Velostream.AppHost.Hosting.Grafana;

/// <summary>The Grafana image the monitoring Dockerfile builds on; pinned so every run and deployment is the same.</summary>
internal static class GrafanaContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    /// <remarks>grafana/grafana</remarks>
    public const string Image = "grafana/grafana";

    /// <remarks>12.1.1</remarks>
    public const string Tag = "12.1.1";
}
