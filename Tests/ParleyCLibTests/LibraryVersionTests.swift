import ParleyOpus
import ParleySRTP
import Testing

@Suite("C library versions")
struct LibraryVersionTests {
  @Test("libopus reports its version")
  func opusVersion() {
    #expect(OpusLibrary.version.hasPrefix("libopus "))
  }

  @Test("libsrtp reports its version")
  func srtpVersion() {
    #expect(SRTPLibrary.version.hasPrefix("libsrtp"))
    #expect(SRTPLibrary.version.count > "libsrtp".count)
  }
}
