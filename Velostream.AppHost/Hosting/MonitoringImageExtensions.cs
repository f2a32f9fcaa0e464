using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Velostream.AppHost.Hosting;

/// <summary>How every monitoring resource gets its image.</summary>
internal static class MonitoringImageExtensions
{
    /// <summary>
    /// Builds the image from the Dockerfile in <paramref name="contextPath"/>, which copies the resource's
    /// configuration into a pinned base image: published images then need no bind mount. The base image is
    /// passed as the build argument <paramref name="baseImageArgument"/> so that the pin lives in one place,
    /// the resource's image-tag constants, and shows in the manifest.
    /// </summary>
    public static IResourceBuilder<T> WithConfiguredImage<T>(
        this IResourceBuilder<T> builder,
        string contextPath,
        string baseImageArgument,
        string registry,
        string image,
        string tag)
        where T : ContainerResource =>
        builder
            .WithImage(image, tag)
            .WithImageRegistry(registry)
            .WithDockerfile(contextPath)
            .WithBuildArg(baseImageArgument, $"{registry}/{image}:{tag}");
}
