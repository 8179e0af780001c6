// The `spiffworkflow:` extension elements our diagrams use (workflows/README.md, "Properties"), described
// for bpmn-js so they can be read and edited as objects rather than kept as opaque XML.
//
// Registering the namespace has a cost: an element of it that this description does not know is dropped
// on import (bpmn-js reports it as an import warning, which the page shows). So it also lists the elements
// SpiffArena's editor writes (pre/post scripts, instructions), which are kept as text.
const bodyElement = (name: string) => ({
  name,
  superClass: ['Element'],
  properties: [{ name: 'value', type: 'String', isBody: true }],
});

export const spiffworkflowModdle = {
  name: 'SpiffWorkflow',
  uri: 'http://spiffworkflow.org/bpmn/schema/1.0/core',
  prefix: 'spiffworkflow',
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'Properties',
      superClass: ['Element'],
      properties: [{ name: 'properties', type: 'Property', isMany: true }],
    },
    {
      name: 'Property',
      superClass: ['Element'],
      properties: [
        { name: 'name', type: 'String', isAttr: true },
        { name: 'value', type: 'String', isAttr: true },
      ],
    },
    bodyElement('CalledDecisionId'),
    bodyElement('PreScript'),
    bodyElement('PostScript'),
    bodyElement('InstructionsForEndUser'),
  ],
};
