package io.phaseflow.engine.cli;

public class PhaseflowCommand {
  public static void main(String[] args) {}
}
