package org.jamesclientid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExtensionCpuShare}, which ./run-bench uses for {@code extension_cpu_share}: both profilers on a real JVM
 * whose two busy threads burn the same CPU, one of them in a frame of {@code org.jamesclientid}; and the reading of
 * async-profiler's collapsed stacks, the credential check left out.
 */
class ExtensionCpuShareTest {
    private static final long PROFILED_MILLISECONDS = 3000;

    @Test
    void bothProfilersShouldFindAboutHalfWhenOneOfTwoBusyThreadsRunsTheExtensionsCode(@TempDir Path directory) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
            "outsidetheextension.TwoBusyThreads").redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(output.readLine()).isEqualTo("ready");

            ExtensionCpuShare profile = ExtensionCpuShare.start(child.pid(), directory, "two-busy-threads");
            Thread.sleep(PROFILED_MILLISECONDS);
            profile.stop();

            // Two threads on the CPU for 3 s at one sample per 5 ms each: about 1,200 samples, half of them inside.
            assertThat(profile.cpuTime().samples).isGreaterThan(300);
            assertThat(profile.cpuTime().share()).isBetween(0.3, 0.7);
            assertThat(profile.javaExecution().samples).isGreaterThan(30);
            assertThat(profile.javaExecution().share()).isBetween(0.2, 0.8);
            assertThat(directory.resolve("two-busy-threads.jfr")).isNotEmptyFile();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void measureCollapsedShouldLeaveOutTheCredentialCheckWhenTheExtensionCallsIt(@TempDir Path directory) throws Exception {
        Path profile = directory.resolve("profile.collapsed");
        Files.write(profile, List.of(
            "java/lang/Thread.run;io/netty/channel/nio/NioEventLoop.run;sun/security/ssl/SSLEngineImpl.unwrap 60",
            "java/lang/Thread.run;org/apache/james/smtpserver/AuthCmdHandler.doAuthTest;org/jamesclientid/smtp/ClientIdAuthHook.doAuth;"
                + "org/jamesclientid/policy/ClientIdPolicyEngine.decide 7",
            "java/lang/Thread.run;org/jamesclientid/smtp/ClientIdAuthHook.doAuth;org/apache/james/smtpserver/UsersRepositoryAuthHook.doAuth;"
                + "org/apache/james/user/lib/UsersRepositoryImpl.test 20",
            "java/lang/Thread.run;org/jamesclientid/smtp/ClientIdCmdHandler.onCommand;do_syscall_64_[k];tcp_sendmsg_[k] 3",
            "[GC_active];G1ParScanThreadState::trim_queue 10"), StandardCharsets.UTF_8);

        ExtensionCpuShare.Share share = ExtensionCpuShare.measureCollapsed(profile);

        assertThat(share.samples).isEqualTo(100);
        assertThat(share.extensionSamples).isEqualTo(10);
        assertThat(share.credentialCheckSamples).isEqualTo(20);
        assertThat(share.share()).isEqualTo(0.1);
    }
}
