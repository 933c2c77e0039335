1<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection
     gml:id="aFeatureCollection"
     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
     xsi:schemaLocation="http://ogr.maptools.org/ households.xsd"
     xmlns:ogr="http://ogr.maptools.org/"
     xmlns:gml="http://www.opengis.net/gml/3.2">
  <gml:boundedBy><gml:Envelope srsDimension="3" srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>-0.0000001 -0.5 0</gml:lowerCorner><gml:upperCorner>32.6434 116.8534 21.5</gml:upperCorner></gml:Envelope></gml:boundedBy>
                                                                                                                             
  <ogr:featureMember>
    <ogr:test_households__synthetic_ gml:id="test_households__synthetic_.0">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>32.6401234 116.8501234</gml:lowerCorner><gml:upperCorner>32.6401234 116.8501234</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4979" gml:id="test_households__synthetic_.geom.0"><gml:pos>32.6401234 116.8501234</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>1</ogr:id>
      <ogr:members>3</ogr:members>
      <ogr:group>G01</ogr:group>
      <ogr:village>东村</ogr:village>
      <ogr:head>张三</ogr:head>
      <ogr:year>1987</ogr:year>
      <ogr:tags>[ &quot;a&quot;, { &quot;b&quot;: null } ]</ogr:tags>
    </ogr:test_households__synthetic_>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:test_households__synthetic_ gml:id="test_households__synthetic_.1">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>32.6412 116.8512</gml:lowerCorner><gml:upperCorner>32.6412 116.8512</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4979" gml:id="test_households__synthetic_.geom.1"><gml:pos>32.6412 116.8512</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>h-2</ogr:id>
      <ogr:members>2</ogr:members>
      <ogr:group>G01</ogr:group>
      <ogr:village>东村</ogr:village>
      <ogr:note>say &quot;hi&quot;
é😀</ogr:note>
    </ogr:test_households__synthetic_>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:test_households__synthetic_ gml:id="test_households__synthetic_.2">
      <gml:boundedBy><gml:Envelope srsDimension="3" srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>32.6423 116.8523 21.5</gml:lowerCorner><gml:upperCorner>32.6423 116.8523 21.5</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4979" gml:id="test_households__synthetic_.geom.2"><gml:pos>32.6423 116.8523 21.5</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>9223372036854775807</ogr:id>
      <ogr:group>G02</ogr:group>
      <ogr:village>西村</ogr:village>
      <ogr:area>1.5</ogr:area>
    </ogr:test_households__synthetic_>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:test_households__synthetic_ gml:id="test_households__synthetic_.3">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>32.6434 116.8534</gml:lowerCorner><gml:upperCorner>32.6434 116.8534</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4979" gml:id="test_households__synthetic_.geom.3"><gml:pos>32.6434 116.8534</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>top-4</ogr:id>
      <ogr:members>5</ogr:members>
      <ogr:group>7</ogr:group>
      <ogr:village xsi:nil="true"/>
      <ogr:empty>{ }</ogr:empty>
    </ogr:test_households__synthetic_>
  </ogr:featureMember>
  <ogr:featureMember>
    <ogr:test_households__synthetic_ gml:id="test_households__synthetic_.4">
      <gml:boundedBy><gml:Envelope srsName="urn:ogc:def:crs:EPSG::4979"><gml:lowerCorner>-0.0000001 -0.5</gml:lowerCorner><gml:upperCorner>-0.0000001 -0.5</gml:upperCorner></gml:Envelope></gml:boundedBy>
      <ogr:geometryProperty><gml:Point srsName="urn:ogc:def:crs:EPSG::4979" gml:id="test_households__synthetic_.geom.4"><gml:pos>-0.0000001 -0.5</gml:pos></gml:Point></ogr:geometryProperty>
      <ogr:id>5</ogr:id>
      <ogr:members>1</ogr:members>
    </ogr:test_households__synthetic_>
  </ogr:featureMember>
</ogr:FeatureCollection>
