// swift-tools-version: 6.1
// The component benchmarks (ordo-one/benchmark), in a package of their own so that the main
// package's build and tests never compile the benchmark framework.
//   cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
  name: "ParleyBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "Parley", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "ParleyBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "ParleyRTP", package: "Parley"),
        .product(name: "ParleySRTP", package: "Parley"),
        .product(name: "ParleyOpus", package: "Parley"),
        .product(name: "ParleyDTLS", package: "Parley"),
        .product(name: "ParleyMedia", package: "Parley"),
        .product(name: "ParleyJitter", package: "Parley"),
        .product(name: "ParleyMixer", package: "Parley"),
      ],
      path: "Benchmarks/ParleyBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ],
  swiftLanguageModes: [.v6]
)
