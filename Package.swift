// swift-tools-version: 6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Parley",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "parley", targets: ["parley"]),
    // Libraries for the benchmark package in Benchmarks/ (and for embedding Parley's pieces).
    .library(name: "ParleyRTP", targets: ["ParleyRTP"]),
    .library(name: "ParleySDP", targets: ["ParleySDP"]),
    .library(name: "ParleySRTP", targets: ["ParleySRTP"]),
    .library(name: "ParleyOpus", targets: ["ParleyOpus"]),
    .library(name: "ParleyDTLS", targets: ["ParleyDTLS"]),
    .library(name: "ParleyMedia", targets: ["ParleyMedia"]),
    .library(name: "ParleyJitter", targets: ["ParleyJitter"]),
    .library(name: "ParleyMixer", targets: ["ParleyMixer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    // C libraries: one system-library box each, one shim header, imported by exactly one wrapper.
    .systemLibrary(name: "CParleyNice", pkgConfig: "nice", providers: [.apt(["libnice-dev"])]),
    .systemLibrary(name: "CParleyOpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CParleySRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
    .systemLibrary(name: "CParleyOpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
    .systemLibrary(name: "CParleyOgg", pkgConfig: "ogg", providers: [.apt(["libogg-dev"])]),
    .systemLibrary(name: "CParleyOpusFile", pkgConfig: "opusfile", providers: [.apt(["libopusfile-dev"])]),
    .systemLibrary(name: "CParleySndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),

    // Sans-IO core.
    .target(name: "ParleyRTP", swiftSettings: upcoming),
    .target(name: "ParleySDP", swiftSettings: upcoming),
    .target(name: "ParleyJitter", dependencies: ["ParleyRTP"], swiftSettings: upcoming),
    .target(name: "ParleyMixer", swiftSettings: upcoming),

    // Wrappers over the C libraries.
    .target(name: "ParleyDTLS", dependencies: ["CParleyOpenSSL", "ParleySRTP"], swiftSettings: upcoming),
    .target(name: "ParleySRTP", dependencies: ["CParleySRTP"], swiftSettings: upcoming),
    .target(name: "ParleyOpus", dependencies: ["CParleyOpus"], swiftSettings: upcoming),
    .target(name: "ParleyNice", dependencies: ["CParleyNice"], swiftSettings: upcoming),
    // Prompt and recording containers: Ogg/Opus (libopusfile to read, libogg to write) and WAV (libsndfile).
    .target(
      name: "ParleyMediaFiles", dependencies: ["CParleyOgg", "CParleyOpusFile", "CParleySndFile"],
      swiftSettings: upcoming),

    // The per-leg engine and its edges.
    .target(
      name: "ParleyMedia",
      dependencies: [
        "ParleyRTP", "ParleyDTLS", "ParleySRTP", "ParleyNice", "ParleyOpus", "ParleyJitter", "ParleyMixer",
        "ParleyMediaFiles", "ParleySDP",
      ],
      swiftSettings: upcoming),

    // Control plane: the calling API's vocabulary (pure: Foundation + HMAC), the call state machine (pure).
    .target(
      name: "ParleyWhatsApp", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: upcoming),
    .target(name: "ParleyCall", swiftSettings: upcoming),
    // Emulated WhatsApp: phones on Parley's own media engine (ICE-lite), and the calling API's state.
    .target(
      name: "ParleySandbox",
      dependencies: [
        "ParleyWhatsApp", "ParleySDP", "ParleyMedia", "ParleyNice", "ParleyDTLS", "ParleyTesting", "ParleyOpus",
      ],
      swiftSettings: upcoming),
    // EDGE: Hummingbird routes, AsyncHTTPClient transport, service lifecycle, metrics.
    .target(
      name: "ParleyServer",
      dependencies: [
        "ParleyWhatsApp", "ParleyCall", "ParleySDP", "ParleyMedia", "ParleyNice", "ParleyDTLS", "ParleySandbox",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        "ParleyJitter", "ParleyTesting", "ParleyOpus",
      ],
      swiftSettings: upcoming),

    // Test support: tones and their analysis, the interop peer driver.
    .target(name: "ParleyTesting", dependencies: ["ParleyOpus", "ParleyRTP", "ParleyJitter"], swiftSettings: upcoming),

    .executableTarget(
      name: "parley",
      dependencies: [
        "ParleySDP", "ParleyDTLS", "ParleyMedia", "ParleyServer", "ParleyWhatsApp", "ParleySandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
      ],
      swiftSettings: upcoming
    ),

    .testTarget(name: "ParleyRTPTests", dependencies: ["ParleyRTP"], swiftSettings: upcoming),
    .testTarget(name: "ParleySDPTests", dependencies: ["ParleySDP", "ParleyTesting"], swiftSettings: upcoming),
    .testTarget(name: "ParleyJitterTests", dependencies: ["ParleyJitter", "ParleyTesting"], swiftSettings: upcoming),
    .testTarget(name: "ParleyMixerTests", dependencies: ["ParleyMixer", "ParleyTesting"], swiftSettings: upcoming),
    .testTarget(
      name: "ParleyMediaFilesTests", dependencies: ["ParleyMediaFiles", "ParleyOpus", "ParleyTesting"],
      swiftSettings: upcoming),
    .testTarget(name: "ParleyDTLSTests", dependencies: ["ParleyDTLS", "ParleySRTP"], swiftSettings: upcoming),
    .testTarget(
      name: "ParleyCLibTests", dependencies: ["ParleySRTP", "ParleyOpus", "ParleyNice", "ParleyTesting"], swiftSettings: upcoming),
    .testTarget(
      name: "ParleyMediaTests",
      dependencies: ["ParleyMedia", "ParleyTesting", "ParleySDP", "ParleyDTLS", "ParleySRTP", "ParleyRTP", "ParleyOpus", "ParleyNice", "ParleyJitter"],
      swiftSettings: upcoming),
    .testTarget(name: "ParleyWhatsAppTests", dependencies: ["ParleyWhatsApp"], swiftSettings: upcoming),
    .testTarget(name: "ParleyCallTests", dependencies: ["ParleyCall"], swiftSettings: upcoming),
    .testTarget(
      name: "ParleySandboxTests",
      dependencies: [
        "ParleySandbox", "ParleyWhatsApp", "ParleySDP", "ParleyMedia", "ParleyTesting", "ParleyNice", "ParleyDTLS",
        "ParleyJitter", "ParleyOpus",
      ],
      swiftSettings: upcoming),
    .testTarget(
      name: "ParleyServerTests",
      dependencies: [
        "ParleyServer", "ParleyWhatsApp", "ParleyCall", "ParleySandbox", "ParleyTesting", "ParleyOpus", "ParleyMedia",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        "ParleyMedia",
      ],
      swiftSettings: upcoming),
  ],
  swiftLanguageModes: [.v6]
)
