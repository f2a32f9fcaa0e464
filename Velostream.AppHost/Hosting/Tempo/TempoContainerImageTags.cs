namespace Velostream.AppHost.Hosting.Tempo;

/// <summary>The Tempo image the monitoring Dockerfile builds on; pinned so every run and deployment is the same.</summary>
internal static class TempoContainerImageTags
{
    /// <remarks>docker.io</remarks>
    public const string Registry = "docker.io";

    /// <remarks>grafana/tempo</remarks>
    public const string Image = "grafana/tempo";

    /// <remarks>2.9.5: Tempo 2.x, where the metrics-generator's processors are enabled through overrides.</remarks>
    public const string Tag = "2.9.5";
}
