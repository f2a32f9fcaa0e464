using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Velostream.AppHost.Hosting.Kafka;

namespace Velostream.AppHost.Hosting;

/// <summary>
/// Which way the AppHost runs the system: <see cref="Docker"/> (Kafka, Tempo, Prometheus and Grafana in
/// containers) or <see cref="Embedded"/> (no container runtime: the engine's embedded broker as a process,
/// telemetry to the Aspire dashboard alone).
/// </summary>
/// <param name="Name">The profile's name, as <c>--profile</c> takes it.</param>
/// <param name="Reason">Why this profile was chosen, for the first log lines.</param>
public sealed record AppHostProfile(string Name, string Reason)
{
    /// <summary>The configuration key that chooses a profile: <c>--profile docker|embedded</c> on the command line.</summary>
    public const string ConfigurationKey = "profile";

    public const string Docker = "docker";

    public const string Embedded = "embedded";

    /// <summary>Whether resources run as containers.</summary>
    public bool RunsContainers => Name == Docker;

    /// <summary>
    /// Chooses the profile: the one asked for with <c>--profile</c>; when publishing, always Docker (a
    /// deployment runs containers); otherwise Docker when a container runtime answers, else embedded.
    /// The choice and its reason are logged when the application starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">An unknown profile, or one this build or mode cannot run.</exception>
    public static AppHostProfile Choose(IDistributedApplicationBuilder builder, Func<string?> probeContainerRuntime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var asked = builder.Configuration[ConfigurationKey];
        var publishing = builder.ExecutionContext.IsPublishMode;
        var profile = asked switch
        {
            Docker => new AppHostProfile(Docker, "asked for with --profile docker"),
            Embedded when publishing => throw new InvalidOperationException(
                "--profile embedded runs on this machine only; publishing deploys containers (the Docker profile)"),
            Embedded => new AppHostProfile(Embedded, "asked for with --profile embedded"),
            null or "" when publishing => new AppHostProfile(Docker, "publishing deploys containers"),
            null or "" when !KafkaContainerExtensions.Available => new AppHostProfile(Embedded, "this AppHost was built without Aspire.Hosting.Kafka"),
            null or "" => probeContainerRuntime() is { } runtime
                ? new AppHostProfile(Docker, $"the container runtime answers ({runtime})")
                : new AppHostProfile(Embedded, "no container runtime answers (docker info, podman info); --profile docker to insist"),
            _ => throw new InvalidOperationException($"unknown profile '{asked}': use --profile docker or --profile embedded"),
        };
        if (profile.RunsContainers && !KafkaContainerExtensions.Available)
        {
            throw new InvalidOperationException(
                "the Docker profile needs Aspire.Hosting.Kafka, and this AppHost was built without it (AspireHostingKafka=false)");
        }
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Velostream.AppHost")
                .LogInformation("Profile: {Profile} ({Reason})", profile.Name, profile.Reason);
            return Task.CompletedTask;
        });
        return profile;
    }

    /// <summary>
    /// The container runtime that answers (<c>docker info</c>, or the one <c>ASPIRE_CONTAINER_RUNTIME</c>
    /// names), or null: a runtime whose CLI is installed but whose daemon is down does not count.
    /// </summary>
    public static string? ProbeContainerRuntime(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"];
        foreach (var runtime in configured is { Length: > 0 } ? [configured] : new[] { "docker", "podman" })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(runtime, "info")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                })!;
                // Drained so that a chatty runtime cannot block on a full pipe; what it says is not needed.
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    process.Kill(entireProcessTree: true);
                    continue;
                }
                if (process.ExitCode == 0)
                {
                    return runtime;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed; try the next one.
            }
        }
        return null;
    }
}
