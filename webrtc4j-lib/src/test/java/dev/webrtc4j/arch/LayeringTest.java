package dev.webrtc4j.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of DESIGN.md, enforced. See docs/ARCHITECTURE.md for the layer order.
 *
 * <ul>
 *   <li>protocol packages ({@code dev.webrtc4j.sdp}, {@code dev.webrtc4j.internal..}) never import
 *       the API package {@code dev.webrtc4j};
 *   <li>a lower layer never imports a higher one;
 *   <li>only {@code internal.io} touches sockets, threads and the system clock (the BouncyCastle
 *       DTLS adapter may start its one virtual thread, as the design allows).
 * </ul>
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.webrtc4j");
  }

  private static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(classes);
  }

  @Test
  void protocolPackagesNeverImportTheApiPackage() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage("dev.webrtc4j.internal..", "dev.webrtc4j.sdp..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.webrtc4j"));
  }

  @Test
  void internalPackagesNeverImportTheSpi() {
    // Settings and other SPI types are read by the API layer and handed down as plain values.
    check(
        noClasses()
            .that()
            .resideInAnyPackage("dev.webrtc4j.internal..", "dev.webrtc4j.sdp..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.webrtc4j.spi.."));
  }

  @Test
  void utilAndSdpAreLeaves() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.webrtc4j.internal.util..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.webrtc4j..").and(resideOutsideOfPackage("dev.webrtc4j.internal.util.."))));
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.webrtc4j.sdp..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.webrtc4j..")
                    .and(resideOutsideOfPackages("dev.webrtc4j.sdp..", "dev.webrtc4j.internal.util.."))));
  }

  @Test
  void lowerLayersNeverImportHigherOnes() {
    // Order, top to bottom: pc > ice > stun; pc > sctp > dcep; pc > dtls; everything > mux, util.
    check(noClasses().that().resideInAnyPackage(
            "dev.webrtc4j.internal.ice..", "dev.webrtc4j.internal.stun..", "dev.webrtc4j.internal.dtls..",
            "dev.webrtc4j.internal.sctp..", "dev.webrtc4j.internal.dcep..", "dev.webrtc4j.internal.mux..",
            "dev.webrtc4j.internal.io..")
        .should().dependOnClassesThat().resideInAPackage("dev.webrtc4j.internal.pc.."));
    check(noClasses().that().resideInAnyPackage("dev.webrtc4j.internal.stun..", "dev.webrtc4j.internal.sctp..",
            "dev.webrtc4j.internal.dcep..", "dev.webrtc4j.internal.dtls..", "dev.webrtc4j.internal.mux..")
        .should().dependOnClassesThat().resideInAPackage("dev.webrtc4j.internal.ice.."));
    check(noClasses().that().resideInAnyPackage("dev.webrtc4j.internal.dcep..", "dev.webrtc4j.internal.stun..",
            "dev.webrtc4j.internal.ice..", "dev.webrtc4j.internal.dtls..", "dev.webrtc4j.internal.mux..")
        .should().dependOnClassesThat().resideInAPackage("dev.webrtc4j.internal.sctp.."));
    check(noClasses().that().resideInAnyPackage("dev.webrtc4j.internal.(*)..")
        .and().resideOutsideOfPackages("dev.webrtc4j.internal.pc..", "dev.webrtc4j.internal.io..")
        .should().dependOnClassesThat().resideInAPackage("dev.webrtc4j.internal.io.."));
  }

  @Test
  void onlyIoTouchesSocketsThreadsAndTheClock() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.webrtc4j.internal.io..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.net.DatagramSocket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
            .orShould().dependOnClassesThat().resideInAPackage("java.nio.channels..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(Thread.class, "sleep", long.class));
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages("dev.webrtc4j.internal.io..", "dev.webrtc4j.internal.dtls..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Thread")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread$Builder"));
  }
}
